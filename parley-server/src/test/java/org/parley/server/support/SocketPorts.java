package org.parley.server.support;

import org.parley.chat.chatport.ChatPortServer;
import org.springframework.context.ApplicationContext;

/**
 * Which port a test server's sockets are on: its chat port when it has one ({@value #CHAT_PORT} set, as the
 * {@code ChatPort*} variants of the realtime tests do), else the servlet port. A variant whose chat port did
 * not start fails here rather than quietly testing the servlet port.
 */
public final class SocketPorts {

    public static final String CHAT_PORT = "parley.websocket.chat-port.port";

    private SocketPorts() {}

    public static boolean hasChatPort(ApplicationContext context) {
        String port = context.getEnvironment().getProperty(CHAT_PORT);
        return port != null && !port.isBlank();
    }

    /** The chat port of {@code context}'s server if it has one, else {@code servletPort}. */
    public static int socketPort(ApplicationContext context, int servletPort) {
        return hasChatPort(context) ? chatPort(context) : servletPort;
    }

    /** The port the chat port of {@code context}'s server listens on; fails if it has none. */
    public static int chatPort(ApplicationContext context) {
        int port = context.getBean(ChatPortServer.class).localPort();
        if (port <= 0) {
            throw new IllegalStateException("The chat port is configured but not listening");
        }
        return port;
    }
}
