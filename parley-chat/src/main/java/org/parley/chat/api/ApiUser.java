package org.parley.chat.api;

import java.security.Principal;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;

/** The chat user behind an API request; anonymous or inactive callers are FORBIDDEN. */
final class ApiUser {

    private ApiUser() {}

    static ChatUser of(Principal principal, ChatUserDirectory users) {
        if (principal == null) {
            throw new ChatException(ErrorCode.FORBIDDEN, "Log in first.");
        }
        return users.findByUsername(principal.getName())
                .orElseThrow(() -> new ChatException(ErrorCode.FORBIDDEN, "This account cannot use the chat."));
    }
}
