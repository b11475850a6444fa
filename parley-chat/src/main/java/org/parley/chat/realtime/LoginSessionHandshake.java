package org.parley.chat.realtime;

import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Gives a servlet-port socket the {@link LoginSession} of the HTTP session its handshake came with, so the
 * user's frames keep their login alive. The chat port finds the session by its cookie itself and puts the
 * same attribute ({@code ChatPortServer}); there this interceptor has nothing to do.
 */
public class LoginSessionHandshake implements HandshakeInterceptor {

    private final LoginSessions sessions;

    public LoginSessionHandshake(LoginSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (request instanceof ServletServerHttpRequest servlet) {
            LoginSession login = sessions.of(servlet.getServletRequest().getSession(false), request.getPrincipal());
            if (login != null) {
                attributes.put(LoginSession.ATTRIBUTE, login);
            }
        }
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception failure) {}
}
