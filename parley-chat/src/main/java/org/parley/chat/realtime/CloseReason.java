package org.parley.chat.realtime;

import org.springframework.web.socket.CloseStatus;

/** Every reason Parley itself closes a socket, with its close code (4000-4999 are Parley's own). */
public enum CloseReason {
    /** The client did not read fast enough: its outbound buffer or send-time limit was exceeded. */
    SLOW_CONSUMER(4001, "slow consumer"),
    /** No frame or pong arrived for two ping intervals: the client is gone. */
    HEARTBEAT_TIMEOUT(4002, "heartbeat timeout"),
    /** The user was deactivated. */
    ACCOUNT_DISABLED(4003, "account disabled"),
    /**
     * The credentials the socket was opened with ended: the chat token of a private-chat socket, when the HTTP
     * session it was issued to logged out. The same code as {@link #ACCOUNT_DISABLED} on purpose: a client
     * does the same for both, it does not reconnect with what it has.
     */
    LOGGED_OUT(4003, "logged out"),
    /** The server is shutting down; reconnect to another node. */
    SHUTDOWN(1001, "server shutting down");

    private final CloseStatus status;

    CloseReason(int code, String reason) {
        this.status = new CloseStatus(code, reason);
    }

    public CloseStatus status() {
        return status;
    }

    public int code() {
        return status.getCode();
    }
}
