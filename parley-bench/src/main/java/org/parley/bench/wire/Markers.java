package org.parley.bench.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bench's message text: {@code BM|channel|seq|sentNanos|} then padding. Every server relays the text
 * unchanged inside its own framing, so one scan finds the markers in any protocol's frames without a
 * JSON parser (the load generator's CPU is the scarce resource in the "max" runs).
 */
public final class Markers {

    /** Receives each marker found in a frame. {@code messageId} is the nearest preceding "message_id" or -1. */
    public interface Sink {
        void marker(int channel, int seq, long sentNanos, long messageId);
    }

    private static final byte[] MESSAGE_ID = "\"message_id\":".getBytes(StandardCharsets.US_ASCII);

    private Markers() {}

    /** Writes the text of message {@code seq} of {@code channel} into {@code out}; returns its length. */
    public static int write(byte[] out, int at, int channel, int seq, long sentNanos, int padTo) {
        int p = at;
        out[p++] = 'B';
        out[p++] = 'M';
        out[p++] = '|';
        p = digits(out, p, channel);
        out[p++] = '|';
        p = digits(out, p, seq);
        out[p++] = '|';
        p = digits(out, p, sentNanos);
        out[p++] = '|';
        while (p - at < padTo) {
            out[p++] = 'x';
        }
        return p - at;
    }

    private static int digits(byte[] out, int p, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative " + value);
        }
        int start = p;
        do {
            out[p++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        for (int i = start, j = p - 1; i < j; i++, j--) {
            byte t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return p;
    }

    /** Finds every marker in {@code buffer[offset, offset+length)}; returns how many. */
    public static int scan(ByteBuffer buffer, int offset, int length, Sink sink) {
        int end = offset + length;
        int found = 0;
        long messageId = -1;
        for (int i = offset; i < end - 3; i++) {
            byte b = buffer.get(i);
            if (b == '"' && matches(buffer, i, end, MESSAGE_ID)) {
                int p = i + MESSAGE_ID.length;
                long v = 0;
                while (p < end && buffer.get(p) >= '0' && buffer.get(p) <= '9') {
                    v = v * 10 + (buffer.get(p++) - '0');
                }
                messageId = v;
                i = p - 1;
            } else if (b == 'B' && buffer.get(i + 1) == 'M' && buffer.get(i + 2) == '|') {
                long[] fields = new long[3];
                int p = i + 3;
                for (int f = 0; f < 3; f++) {
                    long v = 0;
                    while (p < end && buffer.get(p) != '|') {
                        v = v * 10 + (buffer.get(p++) - '0');
                    }
                    fields[f] = v;
                    p++;
                }
                sink.marker((int) fields[0], (int) fields[1], fields[2], messageId);
                found++;
                i = p - 1;
            }
        }
        return found;
    }

    static boolean matches(ByteBuffer buffer, int at, int end, byte[] needle) {
        if (at + needle.length > end) {
            return false;
        }
        for (int j = 0; j < needle.length; j++) {
            if (buffer.get(at + j) != needle[j]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the frame starts with {@code prefix}. */
    public static boolean startsWith(ByteBuffer buffer, int offset, int length, byte[] prefix) {
        return matches(buffer, offset, offset + length, prefix);
    }

    public static String text(ByteBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
