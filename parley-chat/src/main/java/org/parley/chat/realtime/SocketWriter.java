package org.parley.chat.realtime;

import org.springframework.web.socket.CloseStatus;

/**
 * How one transport writes to one socket. {@link ChatConnection} decides what is sent and when a socket is
 * closed; a writer only moves bytes, never blocks its caller, and bounds what it holds for its client.
 */
public interface SocketWriter {

    /** Queues a frame; false when the client's buffer is over its limit (the connection then closes it). */
    boolean offer(OutboundFrame frame);

    /** Sends a ping without waiting for the client. */
    void ping(byte[] payload);

    /** Drops what is queued and closes with {@code status}, waiting at most the send-time limit for the client. */
    void close(CloseStatus status);

    boolean isOpen();

    /** Whether a frame has waited for its client longer than the send-time limit (checked by the heartbeat). */
    default boolean stalled(long nowNanos) {
        return false;
    }

    /** A socket session that brings its own writer instead of the servlet container's. */
    interface Source {
        SocketWriter writer(ChatConnection connection, long maxQueuedBytes, long sendTimeLimitMillis);
    }
}
