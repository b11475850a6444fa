package org.parley.chat.privatechat;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import org.parley.chat.dialog.DialogService;
import org.parley.chat.realtime.ChatConnection;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriUtils;

/**
 * Authenticates a private-chat socket by the token in its URL, {@code {base}{session_key}/{opponent}}.
 * An unknown or expired token, a disabled user, or a token of another user than the one logged in on
 * the same request is refused with 403; a URL of another shape with 404. The database being down is 503.
 *
 * <p>Opening a dialog's socket starts the dialog when there is none, as opening the original's dialog page
 * did, so both users are each other's presence audience from then on.
 */
class PrivateChatHandshake implements HandshakeInterceptor {

    private static final Logger log = LoggerFactory.getLogger(PrivateChatHandshake.class);

    private final String basePath;
    private final ChatTokenService tokens;
    private final ChatUserDirectory users;
    private final DialogService dialogs;

    PrivateChatHandshake(String basePath, ChatTokenService tokens, ChatUserDirectory users, DialogService dialogs) {
        this.basePath = basePath;
        this.tokens = tokens;
        this.users = users;
        this.dialogs = dialogs;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        String[] segments = segments(request);
        if (segments == null) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return false;
        }
        try {
            Optional<PrivateChatTicket> ticket = authenticate(segments[0], segments[1], request.getPrincipal());
            if (ticket.isEmpty()) {
                response.setStatusCode(HttpStatus.FORBIDDEN);
                return false;
            }
            attributes.put(PrivateChatTicket.ATTRIBUTE, ticket.get());
            attributes.put(ChatConnection.TOKEN_HASH, ChatTokenService.hash(segments[0]));
            return true;
        } catch (DataAccessException e) {
            log.error("Database failure during a private-chat handshake: {}", e.toString());
            response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            return false;
        }
    }

    private Optional<PrivateChatTicket> authenticate(String key, String opponentName, Principal principal) {
        Optional<ChatUser> owner = tokens.userOf(key).flatMap(users::findById);
        if (owner.isEmpty()) {
            log.info("Refused a private-chat socket: unknown or expired session key");
            return Optional.empty();
        }
        ChatUser me = owner.get();
        if (principal != null && !principal.getName().equals(me.username())) {
            log.info("Refused a private-chat socket: the key of {} on a request logged in as another user", me);
            return Optional.empty();
        }
        Long opponentId = users.findByUsername(opponentName)
                .filter(other -> other.id() != me.id())
                .map(other -> {
                    dialogs.getOrCreate(me, other);
                    return other.id();
                })
                .orElse(null);
        return Optional.of(new PrivateChatTicket(key, me, opponentName, opponentId));
    }

    /** The two path segments after the base path, decoded, or null if the path has another shape. */
    private String[] segments(ServerHttpRequest request) {
        String path = request instanceof ServletServerHttpRequest servlet
                ? servlet.getServletRequest()
                        .getRequestURI()
                        .substring(servlet.getServletRequest().getContextPath().length())
                : request.getURI().getRawPath();
        if (path == null || !path.startsWith(basePath)) {
            return null;
        }
        String[] parts = path.substring(basePath.length()).split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return null;
        }
        try {
            return new String[] {
                UriUtils.decode(parts[0], StandardCharsets.UTF_8), UriUtils.decode(parts[1], StandardCharsets.UTF_8)
            };
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception failure) {}
}
