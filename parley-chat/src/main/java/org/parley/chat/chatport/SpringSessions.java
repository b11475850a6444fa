package org.parley.chat.chatport;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import org.parley.chat.realtime.LoginSessions;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * HTTP sessions kept by Spring Session (in Redis when several nodes share logins). The cookie holds the
 * session id Base64-encoded, as Spring Session's default cookie serializer writes it.
 */
final class SpringSessions implements SessionPrincipals {

    private final SessionRepository<? extends Session> repository;
    private final String cookieName;
    private final LoginSessions logins;

    SpringSessions(SessionRepository<? extends Session> repository, String cookieName, LoginSessions logins) {
        this.repository = repository;
        this.cookieName = cookieName;
        this.logins = logins;
    }

    @Override
    public Login loginOf(String cookieHeader) {
        for (String value : SessionPrincipals.cookieValues(cookieHeader, cookieName)) {
            String id = decoded(value);
            Principal principal = principalOfSession(id);
            if (principal == null && !id.equals(value)) {
                // Base64 encoding may be turned off, and a raw id can look like Base64 too.
                id = value;
                principal = principalOfSession(id);
            }
            if (principal != null) {
                return new Login(principal, logins.ofId(id, principal));
            }
        }
        return null;
    }

    private Principal principalOfSession(String id) {
        Session session = repository.findById(id);
        if (session == null || session.isExpired()) {
            return null;
        }
        return SessionPrincipals.fromSecurityContext(session.getAttribute(SECURITY_CONTEXT));
    }

    private static String decoded(String value) {
        try {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return value;
        }
    }
}
