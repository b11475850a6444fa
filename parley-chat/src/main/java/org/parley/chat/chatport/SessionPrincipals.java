package org.parley.chat.chatport;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.parley.chat.realtime.LoginSession;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Who is logged in on the HTTP session a chat-port handshake's cookie names: the user Spring Security keeps
 * in that session, as the servlet port's handshake would see it. The chat port runs outside the servlet
 * container, so it reads the session itself: from the container ({@link ContainerSessions}) or, with
 * Spring Session, from its repository ({@link SpringSessions}).
 */
interface SessionPrincipals {

    /** The login of the session named in {@code cookieHeader}, or null. May ask a session store. */
    Login loginOf(String cookieHeader);

    /**
     * A handshake's user, and their session to keep alive while they chat (null when it cannot be: the
     * refresh is off, or the container has no session accessor).
     */
    record Login(Principal principal, LoginSession session) {}

    /** Spring Security's authentication in a session attribute, if it is a real login. */
    static Principal fromSecurityContext(Object attribute) {
        if (attribute instanceof SecurityContext context) {
            Authentication auth = context.getAuthentication();
            if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
                return auth;
            }
        }
        return null;
    }

    String SECURITY_CONTEXT = HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;

    /** The values of cookie {@code name} in a Cookie header (a browser may send one per path). */
    static List<String> cookieValues(String cookieHeader, String name) {
        if (cookieHeader == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>(1);
        for (String pair : cookieHeader.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                String value = pair.substring(eq + 1).trim();
                if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                values.add(value);
            }
        }
        return values;
    }
}
