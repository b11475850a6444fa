package org.parley.chat.privatechat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The django-private-chat compatibility endpoint ({@code parley.private-chat.*}); see docs/protocol.md. The
 * public host, port and protocol are the analogs of the original's {@code CHAT_WS_SERVER_HOST},
 * {@code CHAT_WS_SERVER_PORT} and {@code CHAT_WS_SERVER_PROTOCOL}: they only build the address pages are
 * given, they never change what the server binds.
 *
 * @param enabled whether the endpoint, its session API and its page exist at all
 * @param basePath the socket is at {@code {basePath}{session_key}/{opponent_username}}
 * @param tokenTtl how long a chat token (the {@code session_key}) opens sockets after it was issued
 * @param publicHost host in {@code ws_server_path}; empty means the host the page was requested on
 * @param publicPort port in {@code ws_server_path}; empty means the separate port if there is one, else the
 *     port the page was requested on
 * @param publicProtocol {@code ws} or {@code wss} in {@code ws_server_path}; empty means {@code wss} when the
 *     page came over HTTPS, else {@code ws}
 * @param separatePort a second port that serves only the chat sockets (the original's separate chat server);
 *     empty means none, 0 means any free port
 * @param allowedOrigins origins whose pages may open the socket. The token in the URL authenticates it (no
 *     cookie), so the default allows the pages of any origin, like the original
 */
@ConfigurationProperties("parley.private-chat")
public record PrivateChatProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("/private-chat/") String basePath,
        @DefaultValue("12h") Duration tokenTtl,
        String publicHost,
        Integer publicPort,
        String publicProtocol,
        Integer separatePort,
        @DefaultValue("*") List<String> allowedOrigins) {

    private static final Pattern SOCKET_PATH = Pattern.compile("[0-9a-f]{32}/[^/]+");

    public PrivateChatProperties {
        basePath = normalize(basePath);
        if (publicProtocol != null && !publicProtocol.isBlank() && !publicProtocol.matches("wss?")) {
            throw new IllegalArgumentException(
                    "parley.private-chat.public-protocol must be ws or wss, not '" + publicProtocol + "'");
        }
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("parley.private-chat.token-ttl must be positive");
        }
    }

    /**
     * Whether {@code path} (without the context path) has the socket's shape,
     * {@code {basePath}{session_key}/{opponent}} with a key of 32 lowercase hex digits. Hosts use it to let
     * these handshakes through their login rules (the token in the URL authenticates them, not a cookie);
     * the key's shape keeps any page of the host, even with base path {@code /}, from ever matching.
     */
    public boolean isSocketPath(String path) {
        if (path == null || !path.startsWith(basePath)) {
            return false;
        }
        return SOCKET_PATH.matcher(path.substring(basePath.length())).matches();
    }

    /** The pattern the socket handler is mapped to (keys of another shape never reach it). */
    String handlerPattern() {
        return basePath + "{sessionKey:[0-9a-f]+}/{opponent}";
    }

    /** The base path with exactly one leading and one trailing slash. */
    static String normalize(String path) {
        String trimmed = path == null ? "" : path.trim();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? "/" : "/" + trimmed + "/";
    }
}
