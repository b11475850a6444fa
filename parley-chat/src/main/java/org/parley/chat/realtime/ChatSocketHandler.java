package org.parley.chat.realtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * What every protocol's handler does alike: pongs keep a socket alive, transport errors are only logged
 * (the close that follows is what counts), and a close of any kind goes through {@link ChatSockets} so
 * presence and the registry are updated the same way for all protocols.
 */
public abstract class ChatSocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatSocketHandler.class);

    protected final ChatSockets sockets;

    protected ChatSocketHandler(ChatSockets sockets) {
        this.sockets = sockets;
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        ChatConnection connection = sockets.of(session);
        if (connection != null) {
            connection.heard();
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Transport error on {}: {}", sockets.of(session), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        sockets.closed(session, status.getCode());
    }

    @Override
    public boolean supportsPartialMessages() {
        return false;
    }
}
