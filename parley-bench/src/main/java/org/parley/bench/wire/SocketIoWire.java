package org.parley.bench.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Socket.IO 4 over its WebSocket transport (Engine.IO 4), spoken directly: {@code 0} open, {@code 40}
 * connect with the username as auth, {@code 42[...]} events, {@code 43n[...]} acks, {@code 2}/{@code 3}
 * ping/pong. Dialogs and rooms are both Socket.IO rooms.
 */
public final class SocketIoWire implements Wire {

    private static final byte[] EVENT = "42[".getBytes(StandardCharsets.US_ASCII);
    private final byte[] frame = new byte[64 * 1024];

    @Override
    public String path(BenchClient client) {
        return "/socket.io/?EIO=4&transport=websocket";
    }

    @Override
    public String headers(BenchClient client) {
        return "";
    }

    @Override
    public void opened(BenchClient client) {
        // Wait for the Engine.IO open packet.
    }

    @Override
    public void text(BenchClient client, ByteBuffer buffer, int offset, int length) {
        if (Markers.startsWith(buffer, offset, length, EVENT)) {
            client.scan(buffer, offset, length);
            return;
        }
        byte first = buffer.get(offset);
        if (first == '2' && length == 1) {
            client.sendRaw("3");
        } else if (first == '0') {
            client.sendRaw("40{\"username\":\"" + client.user.name() + "\"}");
        } else if (first == '4' && length >= 2 && buffer.get(offset + 1) == '0') {
            if (client.channel < 0) {
                client.joined();
            } else {
                client.sendRaw("420[\"join\",{\"room\":\"" + room(client) + "\"}]");
            }
        } else if (first == '4' && length >= 3 && buffer.get(offset + 1) == '3') {
            client.joined();
        } else if (first == '4' && length >= 2 && buffer.get(offset + 1) == '4') {
            client.events.error(client, Markers.text(buffer, offset, length));
        }
    }

    private static String room(BenchClient client) {
        return client.room != null ? client.group + "-" + client.room : client.group + "-" + client.channel;
    }

    @Override
    public void send(BenchClient client, byte[] text, int length) {
        byte[] head =
                ("42[\"send\",{\"room\":\"" + room(client) + "\",\"message\":\"").getBytes(StandardCharsets.US_ASCII);
        int p = head.length;
        System.arraycopy(head, 0, frame, 0, p);
        System.arraycopy(text, 0, frame, p, length);
        p += length;
        frame[p++] = '"';
        frame[p++] = '}';
        frame[p++] = ']';
        client.sendRaw(frame, p);
    }
}
