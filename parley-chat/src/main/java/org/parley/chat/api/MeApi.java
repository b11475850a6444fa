package org.parley.chat.api;

import java.security.Principal;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who the caller is to the chat. */
@RestController
@ParleyApi
public class MeApi {

    private final ChatUserDirectory users;

    public MeApi(ChatUserDirectory users) {
        this.users = users;
    }

    @GetMapping("/api/me")
    public ChatUser me(Principal principal) {
        return ApiUser.of(principal, users);
    }
}
