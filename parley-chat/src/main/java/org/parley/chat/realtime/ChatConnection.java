package org.parley.chat.realtime;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.chat.broker.Topic;
import org.parley.chat.user.ChatUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One open socket of one user. Outbound frames go through a bounded queue and are written with the
 * container's asynchronous send, one at a time, so no thread ever waits for this client: a client that
 * lets more than {@code maxQueuedBytes} pile up, or takes longer than the send-time limit for one frame,
 * is closed with {@link CloseReason#SLOW_CONSUMER}. The limit counts the queued text's characters (a frame's
 * UTF-8 size is at least that).
 *
 * <p>At most one frame is being written at a time ({@code sending}); whoever clears that flag (the send
 * callback, possibly on the calling thread when the container completes inline) starts the next one, and
 * {@code pumping} keeps an inline completion from recursing. Slow work (pings, closing) runs on the I/O
 * executor, never on the caller's thread.
 *
 * <p>Thread-safe: any thread may call {@link #send}. See docs/architecture.md.
 */
public final class ChatConnection {

    private static final Logger log = LoggerFactory.getLogger(ChatConnection.class);
    /** Tomcat's per-session limit for blocking writes (pings, the close frame); 20 s unless set. */
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    /** Tomcat's limit for writing the close frame of a close that is not 1000; 50 ms unless set. */
    private static final String TOMCAT_ABNORMAL_CLOSE_SEND_TIMEOUT =
            "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";

    private final String id = UUID.randomUUID().toString();
    private final WebSocketSession session;
    private final Session endpoint;
    private final ChatUser user;
    private final Protocol protocol;
    private final long maxQueuedBytes;
    private final long sendTimeLimitMillis;
    private final Executor io;
    private final Set<Topic> topics = ConcurrentHashMap.newKeySet();

    private final Object lock = new Object();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean sending;
    private boolean pumping;
    private volatile boolean closed;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile long lastPingNanos = lastHeardNanos;
    private final AtomicBoolean pinging = new AtomicBoolean();

    ChatConnection(
            WebSocketSession session,
            ChatUser user,
            Protocol protocol,
            long maxQueuedBytes,
            long sendTimeLimitMillis,
            Executor io) {
        this.session = session;
        this.endpoint = nativeSession(session);
        this.user = user;
        this.protocol = protocol;
        this.maxQueuedBytes = maxQueuedBytes;
        this.sendTimeLimitMillis = sendTimeLimitMillis;
        this.io = io;
        this.endpoint.getAsyncRemote().setSendTimeout(sendTimeLimitMillis);
        // Pings and the close frame are blocking writes: bound them by the same limit, so closing a client
        // that stopped reading takes at most the send-time limit instead of Tomcat's default 20 s.
        this.endpoint.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, sendTimeLimitMillis);
    }

    private static Session nativeSession(WebSocketSession session) {
        Session endpoint = session instanceof org.springframework.web.socket.adapter.NativeWebSocketSession n
                ? n.getNativeSession(Session.class)
                : null;
        if (endpoint == null) {
            throw new IllegalStateException("Parley needs a JSR-356 (jakarta.websocket) container session");
        }
        return endpoint;
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
        return !closed && session.isOpen();
    }

    /**
     * Queues a text frame. Never blocks; the same String may be handed to many connections.
     */
    public void send(String frame) {
        long size = frame.length();
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (queuedBytes + size > maxQueuedBytes) {
                closeLater(
                        CloseReason.SLOW_CONSUMER.status(), "outbound buffer over " + maxQueuedBytes + " characters");
                return;
            }
            queue.add(frame);
            queuedBytes += size;
        }
        pump();
    }

    private void pump() {
        while (true) {
            String next;
            synchronized (lock) {
                if (pumping || sending || closed) {
                    return;
                }
                next = queue.poll();
                if (next == null) {
                    return;
                }
                queuedBytes -= next.length();
                sending = true;
                pumping = true;
            }
            try {
                endpoint.getAsyncRemote().sendText(next, this::sent);
            } catch (RuntimeException e) {
                synchronized (lock) {
                    sending = false;
                }
                closeLater(CloseStatus.SERVER_ERROR, "send failed: " + e.getMessage());
            }
            synchronized (lock) {
                pumping = false;
                // If the send completed inline, carry on here rather than recursing from the callback.
                if (sending) {
                    return;
                }
            }
        }
    }

    private void sent(SendResult result) {
        synchronized (lock) {
            sending = false;
        }
        if (!result.isOK()) {
            if (session.isOpen() || result.getException() instanceof SocketTimeoutException) {
                closeLater(CloseReason.SLOW_CONSUMER.status(), "send failed or timed out: " + result.getException());
            } else {
                // The client went away mid-send; the container reports the close on its own.
                synchronized (lock) {
                    closed = true;
                    queue.clear();
                    queuedBytes = 0;
                }
            }
            return;
        }
        pump();
    }

    /** Records that the client was heard from (a frame or a pong); every protocol's handler calls it. */
    public void heard() {
        lastHeardNanos = System.nanoTime();
    }

    long silentNanos(long now) {
        return now - lastHeardNanos;
    }

    long sincePingNanos(long now) {
        return now - lastPingNanos;
    }

    /**
     * Pings the client on the I/O executor, at most one ping in flight. A ping is a blocking write in the
     * JSR-356 API (it waits behind a frame being written), so it never runs on the heartbeat's thread.
     * Busy sockets are pinged too: a client that only receives must still prove it is there.
     */
    void ping(long now) {
        if (closed || !pinging.compareAndSet(false, true)) {
            return;
        }
        lastPingNanos = now;
        try {
            io.execute(() -> {
                try {
                    endpoint.getBasicRemote().sendPing(ByteBuffer.wrap(id.getBytes(StandardCharsets.US_ASCII), 0, 8));
                } catch (IOException | RuntimeException e) {
                    closeLater(CloseReason.HEARTBEAT_TIMEOUT.status(), "ping failed: " + e);
                } finally {
                    pinging.set(false);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            pinging.set(false);
        }
    }

    /** Closes the socket on another thread so the caller never waits for the client. */
    public void closeLater(CloseStatus status, String why) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            queuedBytes = 0;
        }
        log.info("Closing {} socket {} of user {}: {} ({})", protocol, id, user.username(), status.getCode(), why);
        if (status.getCode() == CloseReason.SLOW_CONSUMER.code()) {
            // A slow client is still there: give its close frame the send-time limit to get past the frame in
            // flight, so it learns why (4001) instead of seeing the connection drop after Tomcat's 50 ms.
            endpoint.getUserProperties().put(TOMCAT_ABNORMAL_CLOSE_SEND_TIMEOUT, sendTimeLimitMillis);
        }
        try {
            io.execute(() -> closeNow(status));
        } catch (RejectedExecutionException shuttingDown) {
            closeNow(status);
        }
    }

    private void closeNow(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Close of socket {} failed: {}", id, e.toString());
        }
    }

    @Override
    public String toString() {
        return protocol + " socket " + id + " of " + user.username();
    }
}
