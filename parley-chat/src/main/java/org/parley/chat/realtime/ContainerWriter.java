package org.parley.chat.realtime;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes to a socket of the servlet container (JSR-356) through a bounded queue and the container's
 * asynchronous send, one frame at a time, so no thread ever waits for this client. The limit counts the
 * queued text's characters (a frame's UTF-8 size is at least that).
 *
 * <p>At most one frame is being written at a time ({@code sending}); whoever clears that flag (the send
 * callback, possibly on the calling thread when the container completes inline) starts the next one, and
 * {@code pumping} keeps an inline completion from recursing. Pings and closing are blocking writes in the
 * JSR-356 API: they run on the I/O executor, never on the caller's thread.
 */
final class ContainerWriter implements SocketWriter {

    private static final Logger log = LoggerFactory.getLogger(ContainerWriter.class);
    /** Tomcat's per-session limit for blocking writes (pings, the close frame); 20 s unless set. */
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    /** Tomcat's limit for writing the close frame of a close that is not 1000; 50 ms unless set. */
    private static final String TOMCAT_ABNORMAL_CLOSE_SEND_TIMEOUT =
            "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";

    private final ChatConnection connection;
    private final WebSocketSession session;
    private final Session endpoint;
    private final long maxQueuedChars;
    private final long sendTimeLimitMillis;
    private final Executor io;

    private final Object lock = new Object();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long queuedChars;
    private boolean sending;
    private boolean pumping;
    private boolean closed;
    private final AtomicBoolean pinging = new AtomicBoolean();

    ContainerWriter(
            ChatConnection connection,
            WebSocketSession session,
            long maxQueuedChars,
            long sendTimeLimitMillis,
            Executor io) {
        this.connection = connection;
        this.session = session;
        this.endpoint = nativeSession(session);
        this.maxQueuedChars = maxQueuedChars;
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

    @Override
    public boolean offer(OutboundFrame frame) {
        String text = frame.text();
        synchronized (lock) {
            if (closed) {
                return true;
            }
            if (queuedChars + text.length() > maxQueuedChars) {
                return false;
            }
            queue.add(text);
            queuedChars += text.length();
        }
        pump();
        return true;
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
                queuedChars -= next.length();
                sending = true;
                pumping = true;
            }
            try {
                endpoint.getAsyncRemote().sendText(next, this::sent);
            } catch (RuntimeException e) {
                discard();
                connection.closeLater(CloseStatus.SERVER_ERROR, "send failed: " + e.getMessage());
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
        if (!result.isOK()) {
            // Tomcat leaves a failed send's state as it was, so any later send would throw (TEXT_FULL_WRITING)
            // and close with 1011 ahead of the 4001 below: once a send failed, this writer sends nothing more.
            discard();
            if (session.isOpen() || result.getException() instanceof SocketTimeoutException) {
                connection.closeLater(
                        CloseReason.SLOW_CONSUMER.status(), "send failed or timed out: " + result.getException());
            }
            // Otherwise the client went away mid-send; the container reports the close on its own.
            return;
        }
        synchronized (lock) {
            sending = false;
        }
        pump();
    }

    private void discard() {
        synchronized (lock) {
            sending = false;
            closed = true;
            queue.clear();
            queuedChars = 0;
        }
    }

    /** At most one ping in flight; a ping waits behind a frame being written, so never on the caller's thread. */
    @Override
    public void ping(byte[] payload) {
        if (!pinging.compareAndSet(false, true)) {
            return;
        }
        try {
            io.execute(() -> {
                try {
                    endpoint.getBasicRemote().sendPing(ByteBuffer.wrap(payload));
                } catch (IOException | RuntimeException e) {
                    connection.closeLater(CloseReason.HEARTBEAT_TIMEOUT.status(), "ping failed: " + e);
                } finally {
                    pinging.set(false);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            pinging.set(false);
        }
    }

    @Override
    public void close(CloseStatus status) {
        discard();
        if (status.getCode() == CloseReason.SLOW_CONSUMER.code()) {
            // A slow client is still there: give its close frame the send-time limit to get past the frame in
            // flight, so it learns why (4001) instead of seeing the connection drop after Tomcat's 50 ms.
            try {
                endpoint.getUserProperties().put(TOMCAT_ABNORMAL_CLOSE_SEND_TIMEOUT, sendTimeLimitMillis);
            } catch (IllegalStateException alreadyClosed) {
                // Tomcat closed it itself when its send timed out: no close frame is left to send. Thrown on,
                // this reached Tomcat's completion thread as an uncaught error (StalledClientTest, now and then).
            }
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
            log.debug("Close of socket {} failed: {}", connection.id(), e.toString());
        }
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }
}
