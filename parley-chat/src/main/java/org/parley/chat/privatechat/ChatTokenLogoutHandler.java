package org.parley.chat.privatechat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/**
 * Ends the chat tokens of the HTTP session that is logging out, and so the private-chat sockets opened with
 * them ({@link ChatTokenService#revokeSession}). {@code PrivateChatConfiguration} adds it to the logout of
 * every {@code HttpSecurity} Spring Security builds from its shared prototype, the host application's too; a
 * host that builds its logout otherwise adds this bean itself ({@code logout.addLogoutHandler(…)}) or calls
 * {@code revokeSession} with the session's id before invalidating it.
 *
 * <p>It runs before Spring Security invalidates the session (handlers added this way come first), so the
 * session's id is still there to find. A database failure is logged and does not stop the logout: the
 * tokens then end with their expiry.
 */
public class ChatTokenLogoutHandler implements LogoutHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatTokenLogoutHandler.class);

    // Looked up at logout, not when the security filter chains are built: those come early in start-up.
    private final ObjectProvider<ChatTokenService> tokens;

    ChatTokenLogoutHandler(ObjectProvider<ChatTokenService> tokens) {
        this.tokens = tokens;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        try {
            int ended = tokens.getObject().revokeSession(session.getId());
            if (ended > 0) {
                log.debug("Logout ended {} chat token(s)", ended);
            }
        } catch (DataAccessException e) {
            log.error("Could not end the chat tokens of a session that logged out: {}", e.toString());
        }
    }
}
