package org.parley.chat.realtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Lets the container read frames through small buffers while the chat handlers still get whole messages
 * of up to {@code parley.websocket.max-frame-size}.
 *
 * <p>Why: Tomcat gives every socket, when it opens, a text buffer (2 bytes per character) and a binary
 * buffer of the container's message size limit. With the 64 KB limit that was 192 KB of heap per idle
 * socket, and 10,000 idle sockets did not fit in a 1 GB heap (docs/performance.md). The container now reads
 * in parts of {@code parley.websocket.receive-buffer-size}; a message that fits in one part (nearly all
 * chat frames) goes straight through, a longer one is put together here, for that socket only while it
 * arrives, and one over the limit closes the socket with 1009 as before.
 */
public final class WholeMessages extends WebSocketHandlerDecorator {

    private static final String PARTS = WholeMessages.class.getName() + ".parts";
    private static final String TOO_BIG = WholeMessages.class.getName() + ".tooBig";

    private final int maxChars;

    /** @param maxFrameBytes the largest message: characters for text, bytes for binary */
    public WholeMessages(WebSocketHandler handler, int maxFrameBytes) {
        super(handler);
        this.maxChars = maxFrameBytes;
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
        boolean part = message instanceof TextMessage || message instanceof BinaryMessage;
        if (!part || (message.isLast() && !session.getAttributes().containsKey(PARTS))) {
            if (!session.getAttributes().containsKey(TOO_BIG)) {
                super.handleMessage(session, message);
            }
            return;
        }
        if (session.getAttributes().containsKey(TOO_BIG)) {
            return; // the rest of a message already refused
        }
        Object parts = session.getAttributes().get(PARTS);
        if (parts == null) {
            parts = message instanceof TextMessage ? new StringBuilder() : new ByteArrayOutputStream();
            session.getAttributes().put(PARTS, parts);
        }
        int size = parts instanceof StringBuilder text ? text.length() : ((ByteArrayOutputStream) parts).size();
        if (size + message.getPayloadLength() > maxChars) {
            session.getAttributes().remove(PARTS);
            session.getAttributes().put(TOO_BIG, Boolean.TRUE);
            session.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("message over " + maxChars));
            return;
        }
        if (parts instanceof StringBuilder text) {
            text.append(((TextMessage) message).getPayload());
        } else {
            ByteBuffer bytes = ((BinaryMessage) message).getPayload();
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            ((ByteArrayOutputStream) parts).writeBytes(copy);
        }
        if (message.isLast()) {
            session.getAttributes().remove(PARTS);
            super.handleMessage(
                    session,
                    parts instanceof StringBuilder text
                            ? new TextMessage(text.toString())
                            : new BinaryMessage(((ByteArrayOutputStream) parts).toByteArray()));
        }
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }
}
