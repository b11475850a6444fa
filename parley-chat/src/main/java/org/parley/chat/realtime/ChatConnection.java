package org.parley.chat.realtime;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.chat.broker.Topic;
import org.parley.chat.user.ChatUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One open socket of one user, whichever transport carries it. Outbound frames go to the transport's
 * {@link SocketWriter}, which never blocks the caller and bounds what it holds: a client that lets more than
 * {@code maxQueuedBytes} pile up, or takes longer than the send-time limit for one frame, is closed with
 * {@link CloseReason#SLOW_CONSUMER}. The servlet container's writer ({@link ContainerWriter}) is used unless
 * the session brings its own ({@link SocketWriter.Source}, the chat port).
 *
 * <p>Thread-safe: any thread may call {@link #send}. See docs/architecture.md.
 */
public final class ChatConnection {

    private static final Logger log = LoggerFactory.getLogger(ChatConnection.class);

    private final String id = UUID.randomUUID().toString();
    private final WebSocketSession session;
    private final ChatUser user;
    private final Protocol protocol;
    private final SocketWriter writer;
    private final Set<Topic> topics = ConcurrentHashMap.newKeySet();
    private final LoginSession login;

    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile long lastPingNanos = lastHeardNanos;

    ChatConnection(
            WebSocketSession session,
            ChatUser user,
            Protocol protocol,
            long maxQueuedBytes,
            long sendTimeLimitMillis,
            Executor io) {
        this.session = session;
        this.user = user;
        this.protocol = protocol;
        this.login = (LoginSession) session.getAttributes().get(LoginSession.ATTRIBUTE);
        this.writer = session instanceof SocketWriter.Source source
                ? source.writer(this, maxQueuedBytes, sendTimeLimitMillis)
                : new ContainerWriter(this, session, maxQueuedBytes, sendTimeLimitMillis, io);
    }

    /** A globally unique id for this connection (also used by presence). */
    public String id() {
        return id;
    }

    public ChatUser user() {
        return user;
    }

    public Protocol protocol() {
        return protocol;
    }

    /**
     * Handshake attribute of a socket opened with a chat token rather than a session cookie: the token's
     * SHA-256 (hex). Revoking the token ({@code ChatTokensRevoked}) closes the socket.
     */
    public static final String TOKEN_HASH = ChatConnection.class.getName() + ".tokenHash";

    /** Attributes set at handshake time (e.g. the opponent of a private-chat socket). */
    public Object attribute(String name) {
        return session.getAttributes().get(name);
    }

    Set<Topic> topics() {
        return topics;
    }

    public boolean isOpen() {
        return !closed.get() && writer.isOpen();
    }

    /** Queues a text frame. Never blocks. */
    public void send(String frame) {
        send(new OutboundFrame(frame));
    }

    /** Queues a frame; the same frame may be handed to many connections. Never blocks. */
    public void send(OutboundFrame frame) {
        if (closed.get()) {
            return;
        }
        if (!writer.offer(frame)) {
            closeLater(CloseReason.SLOW_CONSUMER.status(), "outbound buffer over its limit");
        }
    }

    /** Records that the client was heard from (a frame or a pong); every protocol's handler calls it. */
    public void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /**
     * Records a frame from the client: it was heard, and its user is active, which keeps the HTTP login the
     * socket was opened with alive ({@link LoginSession}). Pongs only count as heard: a browser answers pings
     * by itself.
     */
    public void heardFrame() {
        long now = System.nanoTime();
        lastHeardNanos = now;
        if (login != null) {
            login.active(user.username(), now);
        }
    }

    long silentNanos(long now) {
        return now - lastHeardNanos;
    }

    long sincePingNanos(long now) {
        return now - lastPingNanos;
    }

    /** Whether a frame has waited for this client longer than the send-time limit. */
    boolean stalled(long now) {
        return !closed.get() && writer.stalled(now);
    }

    /**
     * Pings the client without waiting for it. Busy sockets are pinged too: a client that only receives must
     * still prove it is there.
     */
    void ping(long now) {
        if (closed.get()) {
            return;
        }
        lastPingNanos = now;
        writer.ping(id.substring(0, 8).getBytes(StandardCharsets.US_ASCII));
    }

    /** Closes the socket without the caller waiting for the client; only the first call counts. */
    public void closeLater(CloseStatus status, String why) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("Closing {} socket {} of user {}: {} ({})", protocol, id, user.username(), status.getCode(), why);
        writer.close(status);
    }

    @Override
    public String toString() {
        return protocol + " socket " + id + " of " + user.username();
    }
}
