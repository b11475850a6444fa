package org.parley.chat.chatport;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.security.Principal;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.chat.realtime.LoginSessions;

/**
 * The servlet container's HTTP sessions by id, kept from the container's own session events (created,
 * id changed at login, destroyed), so a chat-port handshake finds its session without going through the
 * container. A session past its inactivity limit that the container has not swept yet counts as gone.
 */
final class ContainerSessions implements HttpSessionListener, HttpSessionIdListener, SessionPrincipals {

    private final ConcurrentHashMap<String, HttpSession> sessions = new ConcurrentHashMap<>();
    private final String cookieName;
    private final LoginSessions logins;

    ContainerSessions(String cookieName, LoginSessions logins) {
        this.cookieName = cookieName;
        this.logins = logins;
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        sessions.put(event.getSession().getId(), event.getSession());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.remove(event.getSession().getId());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        sessions.remove(oldSessionId);
        sessions.put(event.getSession().getId(), event.getSession());
    }

    @Override
    public Login loginOf(String cookieHeader) {
        for (String id : SessionPrincipals.cookieValues(cookieHeader, cookieName)) {
            HttpSession session = sessions.get(id);
            if (session == null) {
                continue;
            }
            try {
                int maxIdle = session.getMaxInactiveInterval();
                if (maxIdle > 0 && System.currentTimeMillis() - session.getLastAccessedTime() > maxIdle * 1000L) {
                    continue;
                }
                Principal principal = SessionPrincipals.fromSecurityContext(session.getAttribute(SECURITY_CONTEXT));
                if (principal != null) {
                    return new Login(principal, logins.of(session, principal));
                }
            } catch (IllegalStateException invalidated) {
                sessions.remove(id, session);
            }
        }
        return null;
    }
}
