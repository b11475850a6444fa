package org.parley.bench.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Parley's native protocol (docs/protocol.md) on {@code /ws}, with the user's session cookie. A dialog
 * client first asks for one message of history with its partner, which opens the dialog and tells its id;
 * messages then go by {@code dialog_id}, as the web client does. A reconnecting client asks for the
 * history after the last message id it saw. A room client joins with {@code room-join} (the room is
 * created by the bench beforehand, {@link BenchClient#key} is its id) and sends with {@code room-send}.
 */
public final class ParleyWire implements Wire {

    private static final byte[] HISTORY = "{\"type\":\"history\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEW_MESSAGE = "{\"type\":\"new-message\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROOM_JOINED = "{\"type\":\"room-joined\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROOM_MESSAGE = "{\"type\":\"room-message\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "{\"type\":\"error\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DIALOG_ID = "\"dialog_id\":".getBytes(StandardCharsets.US_ASCII);

    private final int port;
    private final byte[] frame = new byte[64 * 1024];

    public ParleyWire(int port) {
        this.port = port;
    }

    @Override
    public String path(BenchClient client) {
        return "/ws";
    }

    @Override
    public String headers(BenchClient client) {
        return "Cookie: " + client.user.cookie() + "\r\nOrigin: http://127.0.0.1:" + port + "\r\n";
    }

    @Override
    public boolean hasHistory() {
        return true;
    }

    @Override
    public void opened(BenchClient client) {
        if (client.room != null) {
            client.sendRaw("{\"type\":\"room-join\",\"room_id\":" + client.key + "}");
        } else if (client.peer == null) {
            client.joined();
        } else if (client.recoverOnOpen && client.key >= 0) {
            client.sendRaw("{\"type\":\"history\",\"dialog_id\":" + client.key + ",\"after\":"
                    + Math.max(0, client.lastMessageId) + ",\"limit\":200}");
        } else {
            client.sendRaw("{\"type\":\"history\",\"username\":\"" + client.peer + "\",\"limit\":1}");
        }
    }

    @Override
    public void text(BenchClient client, ByteBuffer buffer, int offset, int length) {
        if (Markers.startsWith(buffer, offset, length, NEW_MESSAGE)
                || Markers.startsWith(buffer, offset, length, ROOM_MESSAGE)) {
            client.scan(buffer, offset, length);
        } else if (Markers.startsWith(buffer, offset, length, ROOM_JOINED)) {
            client.joined();
        } else if (Markers.startsWith(buffer, offset, length, HISTORY)) {
            if (client.recoverOnOpen && client.key >= 0) {
                client.recoverOnOpen = false;
                client.joined = true;
                client.scan(buffer, offset, length);
                client.events.recovered(client);
            } else if (!client.joined) {
                // The newest message of an earlier run may be in this page: its markers are not ours.
                client.key = number(buffer, offset, length, DIALOG_ID);
                client.joined();
            }
        } else if (Markers.startsWith(buffer, offset, length, ERROR)) {
            client.events.error(client, Markers.text(buffer, offset, length));
        }
        // Presence and new-dialog frames need no answer.
    }

    @Override
    public void send(BenchClient client, byte[] text, int length) {
        byte[] head = (client.room != null
                        ? "{\"type\":\"room-send\",\"room_id\":" + client.key + ",\"message\":\""
                        : "{\"type\":\"new-message\",\"dialog_id\":" + client.key + ",\"message\":\"")
                .getBytes(StandardCharsets.US_ASCII);
        int p = head.length;
        System.arraycopy(head, 0, frame, 0, p);
        System.arraycopy(text, 0, frame, p, length);
        p += length;
        frame[p++] = '"';
        frame[p++] = '}';
        client.sendRaw(frame, p);
    }

    static long number(ByteBuffer buffer, int offset, int length, byte[] field) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (Markers.matches(buffer, i, end, field)) {
                int p = i + field.length;
                long v = 0;
                while (p < end && buffer.get(p) >= '0' && buffer.get(p) <= '9') {
                    v = v * 10 + (buffer.get(p++) - '0');
                }
                return v;
            }
        }
        return -1;
    }
}
