package org.parley.chat.chatport;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;

/**
 * The frames of one upgraded chat-port socket, handed to the endpoint's Spring handler through the socket's
 * {@link Inbox}: opening first, then each whole message, then the close, in that order. Pongs only mark
 * the client alive and are handled on the I/O thread; pings are answered there.
 */
final class FrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(FrameHandler.class);

    private final NettySocketSession session;
    private final WebSocketHandler handler;
    private final Inbox inbox;

    FrameHandler(NettySocketSession session, WebSocketHandler handler, Inbox inbox) {
        this.session = session;
        this.handler = handler;
        this.inbox = inbox;
    }

    /**
     * Opens the socket for its handler on the calling thread, then starts reading (reading was paused for
     * the handshake). Called once, before anything else reaches the inbox but a close.
     */
    void establish(ChannelHandlerContext ctx) {
        inbox.runFirstHere(() -> {
            try {
                handler.afterConnectionEstablished(session);
            } catch (Exception e) {
                log.error("Opening {} failed", session, e);
                session.closeWith(CloseStatus.SERVER_ERROR);
            } finally {
                ctx.channel().config().setAutoRead(true);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame text) {
                var message = new TextMessage(text.text());
                inbox.add(() -> handle(message));
            } else if (msg instanceof BinaryWebSocketFrame binary) {
                var message = new BinaryMessage(ByteBufUtil.getBytes(binary.content()));
                inbox.add(() -> handle(message));
            } else if (msg instanceof PongWebSocketFrame) {
                handle(new PongMessage());
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame close) {
                int code = close.statusCode();
                session.closedBy(code < 0 ? CloseStatus.NO_STATUS_CODE : new CloseStatus(code, close.reasonText()));
                // Answer with the client's code, as RFC 6455 asks, then close.
                session.closeWith(code < 0 ? CloseStatus.NORMAL : new CloseStatus(code));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void handle(org.springframework.web.socket.WebSocketMessage<?> message) {
        try {
            handler.handleMessage(session, message);
        } catch (Exception e) {
            log.error("Handling a frame from {} failed", session, e);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inbox.add(() -> {
            try {
                handler.afterConnectionClosed(session, session.closeStatus());
            } catch (Exception e) {
                log.error("Closing {} failed", session, e);
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            session.closeWith(CloseStatus.TOO_BIG_TO_PROCESS.withReason("message over the frame limit"));
        } else if (cause instanceof CorruptedWebSocketFrameException corrupt) {
            // The decoder has already answered with its close frame (1002, 1007 or 1009).
            session.closedBy(new CloseStatus(
                    corrupt.closeStatus().code(), corrupt.closeStatus().reasonText()));
            ctx.close();
        } else if (cause instanceof IOException) {
            log.debug("Connection of {} failed: {}", session, cause.toString());
            ctx.close();
        } else {
            log.warn("Closing {} after an unexpected error: {}", session, cause.toString());
            session.closeWith(CloseStatus.SERVER_ERROR);
        }
    }
}
