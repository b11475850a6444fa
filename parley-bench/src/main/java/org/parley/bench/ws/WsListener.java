package org.parley.bench.ws;

import java.nio.ByteBuffer;

/** What a scenario hears from one socket. Every method runs on the {@link WsLoop} thread. */
public interface WsListener {

    /** The handshake succeeded (101). */
    void onOpen(WsConn conn);

    /**
     * One whole text frame: {@code length} bytes at absolute index {@code offset} of {@code buffer}. The
     * buffer is shared and reused after this call returns: copy what must be kept.
     */
    void onText(WsConn conn, ByteBuffer buffer, int offset, int length);

    /** The socket closed or failed (handshake refused, connection reset, close frame). Called once. */
    void onClose(WsConn conn, String why);
}
