package org.parley.bench.wire;

import java.nio.ByteBuffer;

/**
 * How one server's protocol carries the bench's chat: which URL a socket opens, how it joins its channel
 * (a dialog or a room), how a message is sent and how received frames are read. All calls run on the
 * load generator's loop thread.
 */
public interface Wire {

    /** The URL path (with query) a socket of {@code client} opens. */
    String path(BenchClient client);

    /** Extra HTTP header lines (each ending in CRLF) for the handshake. */
    String headers(BenchClient client);

    /** The socket is open: send what the protocol needs, and call {@link BenchClient#joined} when ready. */
    void opened(BenchClient client);

    /** One received text frame. */
    void text(BenchClient client, ByteBuffer buffer, int offset, int length);

    /** Sends a chat message whose text is {@code text[0..length)} to the client's channel. */
    void send(BenchClient client, byte[] text, int length);

    /** Whether the server keeps history a reconnecting client can recover missed messages from. */
    default boolean hasHistory() {
        return false;
    }
}
