package org.parley.chat.privatechat;

import jakarta.servlet.http.HttpServletRequest;
import org.parley.chat.realtime.SocketPort;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Builds {@code ws_server_path}, the original's {@code PROTOCOL://HOST:PORT/} plus the base path, which a
 * page puts in front of {@code session_key/opponent}. Each part is the public setting when there is one
 * (a deployment behind a proxy), else what the page's own request shows (forwarded headers included when
 * {@code server.forward-headers-strategy} is set), else the separate private-chat port when there is one,
 * else the chat port ({@code parley.websocket.chat-port.*}) when there is one.
 */
public class PrivateChatAddress {

    private final PrivateChatProperties properties;
    private final ObjectProvider<SeparateChatPort> separatePort;
    private final ObjectProvider<SocketPort> socketPort;

    PrivateChatAddress(
            PrivateChatProperties properties,
            ObjectProvider<SeparateChatPort> separatePort,
            ObjectProvider<SocketPort> socketPort) {
        this.properties = properties;
        this.separatePort = separatePort;
        this.socketPort = socketPort;
    }

    public String wsServerPath(HttpServletRequest request) {
        SeparateChatPort chatPort = separatePort.getIfAvailable();
        String protocol = hasText(properties.publicProtocol())
                ? properties.publicProtocol()
                : (chatPort != null ? chatPort.secure() : request.isSecure()) ? "wss" : "ws";
        String host = hasText(properties.publicHost()) ? properties.publicHost() : request.getServerName();
        SocketPort sockets = socketPort.getIfAvailable();
        int port = properties.publicPort() != null
                ? properties.publicPort()
                : chatPort != null
                        ? chatPort.localPort()
                        : sockets != null ? sockets.publicPort() : request.getServerPort();
        return protocol + "://" + bracketed(host) + ":" + port + properties.basePath();
    }

    /** An IPv6 literal needs brackets in a URL. */
    private static String bracketed(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
