package org.parley.chat.privatechat;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import org.parley.chat.user.ChatUserDirectory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/private-chat/session}: a new chat token for the logged-in user and the address to put it
 * after, so a page or a script can build {@code ws_server_path + session_key + "/" + opponent}.
 */
@RestController
public class PrivateChatSessionController {

    private final ChatUserDirectory users;
    private final ChatTokenService tokens;
    private final PrivateChatAddress address;

    PrivateChatSessionController(ChatUserDirectory users, ChatTokenService tokens, PrivateChatAddress address) {
        this.users = users;
        this.tokens = tokens;
        this.address = address;
    }

    @GetMapping("/api/private-chat/session")
    public ResponseEntity<Session> session(Principal principal, HttpServletRequest request) {
        var user = principal == null
                ? null
                : users.findByUsername(principal.getName()).orElse(null);
        if (user == null) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        // The token is a credential: no cache may keep it.
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new Session(tokens.issue(user, sessionIdOf(request)), address.wsServerPath(request)));
    }

    /** The request's HTTP session, whose logout ends the token; none for a personal API token's request. */
    static String sessionIdOf(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : session.getId();
    }

    /** The answer's JSON, with the original template's variable names. */
    public record Session(
            @JsonProperty("session_key") String sessionKey,
            @JsonProperty("ws_server_path") String wsServerPath) {}
}
