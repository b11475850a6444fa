package org.parley.chat.chatport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.chat.realtime.AsyncFrames;
import org.parley.chat.realtime.ChatConnection;
import org.parley.chat.realtime.OutboundFrame;
import org.parley.chat.realtime.SocketWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A chat-port socket as Spring's {@code WebSocketSession}, so the protocol handlers serve it unchanged, and
 * as a {@link SocketWriter.Source}: its connection writes ready-made frame bytes straight to the channel.
 *
 * <p>Kept small on purpose (it lives as long as the socket): of the handshake it keeps the URI, the
 * principal and the one header a handler reads ({@code Accept-Language}), not the whole request.
 */
final class NettySocketSession implements WebSocketSession, SocketWriter.Source, AsyncFrames {

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Channel channel;
    private final URI uri;
    private final String acceptLanguage;
    private final Map<String, Object> attributes;
    private final Principal principal;
    private final long closeTimeoutMillis;
    private final LoopWriter loopWriter;
    /** Set once the socket is upgraded, before its first frame. */
    private volatile Inbox inbox;

    private volatile CloseStatus closeStatus;

    NettySocketSession(
            Channel channel,
            URI uri,
            String acceptLanguage,
            Map<String, Object> attributes,
            Principal principal,
            long closeTimeoutMillis,
            LoopWriter loopWriter) {
        this.channel = channel;
        this.loopWriter = loopWriter;
        this.uri = uri;
        this.acceptLanguage = acceptLanguage;
        this.attributes = new ConcurrentHashMap<>(attributes);
        this.principal = principal;
        this.closeTimeoutMillis = closeTimeoutMillis;
    }

    /** The inbox that runs this socket's frames; set once, when the socket is upgraded. */
    void inbox(Inbox inbox) {
        this.inbox = inbox;
    }

    /** Called by a handler on the inbox's thread, during the frame it handles. */
    @Override
    public void finishWhen(CompletionStage<?> done) {
        inbox.finishWhen(done);
    }

    @Override
    public SocketWriter writer(ChatConnection connection, long maxQueuedBytes, long sendTimeLimitMillis) {
        return new Writer(TimeUnit.MILLISECONDS.toNanos(sendTimeLimitMillis));
    }

    /**
     * Sends the close frame after what is already queued and closes the connection; if the client does not
     * take it within the send-time limit, the connection is dropped anyway.
     */
    void closeWith(CloseStatus status) {
        if (closeStatus == null) {
            closeStatus = status;
        }
        if (!channel.isActive()) {
            return;
        }
        // In turn behind the frames already queued for this socket; none is sent after it (RFC 6455 5.5.1).
        loopWriter.finish(channel, () -> {
            if (channel.isActive()) {
                channel.writeAndFlush(new CloseWebSocketFrame(status.getCode(), status.getReason()))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        });
        channel.eventLoop().schedule(() -> channel.close(), closeTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** The client's close frame (or a protocol error) set the status, unless the server closed first. */
    void closedBy(CloseStatus status) {
        if (closeStatus == null) {
            closeStatus = status;
        }
    }

    /** How the socket ended: the first close frame either side sent, 1006 when none was. */
    CloseStatus closeStatus() {
        CloseStatus status = closeStatus;
        return status != null ? status : CloseStatus.NO_CLOSE_FRAME;
    }

    @Override
    public String getId() {
        return Long.toString(id);
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public HttpHeaders getHandshakeHeaders() {
        HttpHeaders headers = new HttpHeaders();
        if (acceptLanguage != null) {
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
        }
        return headers;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public Principal getPrincipal() {
        return principal;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public String getAcceptedProtocol() {
        return null;
    }

    @Override
    public void setTextMessageSizeLimit(int messageSizeLimit) {}

    @Override
    public int getTextMessageSizeLimit() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void setBinaryMessageSizeLimit(int messageSizeLimit) {}

    @Override
    public int getBinaryMessageSizeLimit() {
        return Integer.MAX_VALUE;
    }

    @Override
    public List<WebSocketExtension> getExtensions() {
        return List.of();
    }

    @Override
    public void sendMessage(WebSocketMessage<?> message) {
        if (message instanceof TextMessage text) {
            channel.writeAndFlush(new TextWebSocketFrame(text.getPayload()), channel.voidPromise());
        } else if (message instanceof PingMessage ping) {
            channel.writeAndFlush(
                    new PingWebSocketFrame(Unpooled.wrappedBuffer(ping.getPayload())), channel.voidPromise());
        } else {
            throw new UnsupportedOperationException("the chat port sends text frames only");
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isActive() && closeStatus == null;
    }

    @Override
    public void close() {
        closeWith(CloseStatus.NORMAL);
    }

    @Override
    public void close(CloseStatus status) {
        closeWith(status);
    }

    @Override
    public String toString() {
        return "chat-port socket " + id + " from " + channel.remoteAddress();
    }

    /**
     * Writes the shared bytes of a frame to the channel. The channel's high water mark is the outbound
     * limit: a frame that would take the channel's buffer plus what waits in the {@link LoopWriter} over it
     * is refused (the connection then closes the socket, 4001). A frame stuck behind a client that stopped reading is caught
     * by the ping: pings queue behind everything else, so a ping not written within the send-time limit
     * means the frames before it are not either.
     */
    private final class Writer implements SocketWriter {

        private final long sendTimeLimitNanos;
        /** Bytes handed to the I/O thread and not yet in the channel's own buffer. */
        private final AtomicLong queued = new AtomicLong();
        /**
         * The channel's buffer, looked up once: {@code channel.bytesBeforeUnwritable()} casts the channel's
         * unsafe to an interface on every call, and on JDK 17-22 such casts from threads that cast the same
         * object to another interface miss the JVM's one-entry cache (JDK-8180450): a tenth of the message
         * writer's CPU on dialogs (docs/performance.md, "Seventh round"). It stays the same object until the
         * channel closes, and a closed channel is checked first.
         */
        private final ChannelOutboundBuffer outbound;

        private volatile boolean pingPending;
        private volatile long pingQueuedNanos;

        Writer(long sendTimeLimitNanos) {
            this.sendTimeLimitNanos = sendTimeLimitNanos;
            this.outbound = channel.unsafe().outboundBuffer();
        }

        @Override
        public boolean offer(OutboundFrame frame) {
            if (!channel.isActive() || closeStatus != null) {
                // Closed, or closing: nothing may follow the close frame.
                return true;
            }
            byte[] bytes = frame.wireBytes();
            // The channel's high water mark is the limit; what waits for the I/O thread counts too.
            long room = outbound == null ? 0 : outbound.bytesBeforeUnwritable();
            if (queued.get() + bytes.length > room) {
                return false;
            }
            loopWriter.write(channel, Unpooled.wrappedBuffer(bytes), queued);
            return true;
        }

        @Override
        public void ping(byte[] payload) {
            if (pingPending || !channel.isActive()) {
                return;
            }
            pingPending = true;
            pingQueuedNanos = System.nanoTime();
            channel.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload)))
                    .addListener(written -> pingPending = false);
        }

        @Override
        public boolean stalled(long nowNanos) {
            return pingPending && nowNanos - pingQueuedNanos > sendTimeLimitNanos;
        }

        @Override
        public void close(CloseStatus status) {
            closeWith(status);
        }

        @Override
        public boolean isOpen() {
            return channel.isActive();
        }
    }
}
