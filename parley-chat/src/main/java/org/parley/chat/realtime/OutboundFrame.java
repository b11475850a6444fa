package org.parley.chat.realtime;

import java.nio.charset.StandardCharsets;

/**
 * One outbound text frame, made once and handed to every recipient. Its text is what a servlet container's
 * socket sends; {@link #wireBytes()} is the whole WebSocket frame (header and UTF-8 payload) as a server
 * sends it, unmasked and so the same bytes for every socket: the chat port writes those bytes as they are,
 * so an event delivered to 1,000 sockets is turned into bytes once, not 1,000 times.
 */
public final class OutboundFrame {

    private static final byte FIN_TEXT = (byte) 0x81;

    private final String text;
    /** Computed at most a few times under a race, never changed once set; the array is never written again. */
    private volatile byte[] wire;

    public OutboundFrame(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The complete server-to-client text frame (RFC 6455 section 5.2); callers must not modify it. */
    public byte[] wireBytes() {
        byte[] bytes = wire;
        if (bytes == null) {
            bytes = frame(text.getBytes(StandardCharsets.UTF_8));
            wire = bytes;
        }
        return bytes;
    }

    private static byte[] frame(byte[] payload) {
        int n = payload.length;
        int header = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
        byte[] out = new byte[header + n];
        out[0] = FIN_TEXT;
        if (n < 126) {
            out[1] = (byte) n;
        } else if (n <= 0xFFFF) {
            out[1] = 126;
            out[2] = (byte) (n >>> 8);
            out[3] = (byte) n;
        } else {
            out[1] = 127;
            long len = n;
            for (int i = 0; i < 8; i++) {
                out[2 + i] = (byte) (len >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, out, header, n);
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
