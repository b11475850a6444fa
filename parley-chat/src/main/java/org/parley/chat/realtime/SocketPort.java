package org.parley.chat.realtime;

/**
 * Where pages open their sockets when it is not the page's own port: the chat port
 * ({@code parley.websocket.chat-port.*}), if there is one.
 */
public interface SocketPort {

    /** The port pages connect to. */
    Integer publicPort();
}
