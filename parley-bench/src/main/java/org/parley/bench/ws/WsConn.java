package org.parley.bench.ws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * A lean client WebSocket (RFC 6455) on a non-blocking channel, driven by its {@link WsLoop}: no thread
 * and no buffer of its own while idle, so tens of thousands fit in a small heap. Outbound frames are
 * masked with the all-zero key, which leaves the payload as it is (the server cannot tell a zero key from
 * a random one) and saves the load generator a pass over every byte.
 *
 * <p>Not thread-safe: use it only on the loop thread.
 */
public final class WsConn {

    private enum State {
        CONNECTING,
        HANDSHAKE,
        OPEN,
        CLOSED
    }

    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final WsLoop loop;
    private final int port;
    private final String path;
    private final String extraHeaders;
    private final WsListener listener;
    private SocketChannel channel;
    private SelectionKey key;
    private State state = State.CONNECTING;
    private byte[] leftover;
    private ArrayDeque<ByteBuffer> pendingOut;
    private java.io.ByteArrayOutputStream fragments;
    /** Free for the scenario: whatever it wants to find again from a socket. */
    public Object attachment;

    WsConn(WsLoop loop, int port, String path, String extraHeaders, WsListener listener) {
        this.loop = loop;
        this.port = port;
        this.path = path;
        this.extraHeaders = extraHeaders == null ? "" : extraHeaders;
        this.listener = listener;
    }

    void attach(SocketChannel channel, SelectionKey key) {
        this.channel = channel;
        this.key = key;
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    void ready(SelectionKey selected) {
        try {
            if (selected.isConnectable()) {
                channel.finishConnect();
                connected();
            }
            if (selected.isValid() && selected.isWritable()) {
                flush();
            }
            if (selected.isValid() && selected.isReadable()) {
                read();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    void connected() throws IOException {
        key.interestOps(SelectionKey.OP_READ);
        state = State.HANDSHAKE;
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + extraHeaders + "\r\n";
        write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Sends a text frame (ASCII/UTF-8 bytes {@code data[0..length)}). */
    public void sendText(byte[] data, int length) {
        sendFrame(0x81, data, length);
    }

    public void sendText(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sendText(bytes, bytes.length);
    }

    private void sendFrame(int opcodeByte, byte[] data, int length) {
        if (state != State.OPEN) {
            return;
        }
        ByteBuffer out = loop.writeBuffer;
        out.clear();
        out.put((byte) opcodeByte);
        if (length < 126) {
            out.put((byte) (0x80 | length));
        } else if (length < 65536) {
            out.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            out.put((byte) (0x80 | 127)).putLong(length);
        }
        out.putInt(0); // the masking key: zero, so the payload goes out unchanged
        out.put(data, 0, length);
        out.flip();
        try {
            write(out);
        } catch (IOException e) {
            fail(e);
        }
    }

    private void write(ByteBuffer data) throws IOException {
        if (pendingOut == null) {
            channel.write(data);
            if (!data.hasRemaining()) {
                return;
            }
            pendingOut = new ArrayDeque<>();
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        pendingOut.add(copy);
    }

    private void flush() throws IOException {
        while (pendingOut != null) {
            ByteBuffer head = pendingOut.peek();
            channel.write(head);
            if (head.hasRemaining()) {
                return;
            }
            pendingOut.poll();
            if (pendingOut.isEmpty()) {
                pendingOut = null;
                key.interestOps(SelectionKey.OP_READ);
            }
        }
    }

    private void read() throws IOException {
        ByteBuffer in = loop.readBuffer;
        in.clear();
        if (leftover != null) {
            if (leftover.length > in.capacity() / 2) {
                in = ByteBuffer.allocate(leftover.length * 2);
            }
            in.put(leftover);
            leftover = null;
        }
        int n = channel.read(in);
        in.flip();
        if (state == State.HANDSHAKE && !handshake(in)) {
            keep(in);
            if (n < 0) {
                close("closed during handshake");
            }
            return;
        }
        frames(in);
        if (state == State.OPEN) {
            keep(in);
        }
        if (n < 0) {
            close("closed by server");
        }
    }

    private void keep(ByteBuffer in) {
        if (in.hasRemaining()) {
            leftover = new byte[in.remaining()];
            in.get(leftover);
        }
    }

    /** Consumes the HTTP response head if it is all there; false to wait for more bytes. */
    private boolean handshake(ByteBuffer in) {
        int end = indexOf(in, HEADER_END);
        if (end < 0) {
            return false;
        }
        byte[] head = new byte[end - in.position()];
        in.get(head);
        in.position(end + HEADER_END.length);
        String response = new String(head, StandardCharsets.ISO_8859_1);
        if (!response.startsWith("HTTP/1.1 101")) {
            close("handshake refused: " + response.lines().findFirst().orElse(""));
            return false;
        }
        state = State.OPEN;
        listener.onOpen(this);
        return true;
    }

    private void frames(ByteBuffer in) {
        while (state == State.OPEN && in.remaining() >= 2) {
            int start = in.position();
            int b0 = in.get(start) & 0xff;
            int b1 = in.get(start + 1) & 0x7f;
            int header = 2;
            long length = b1;
            if (b1 == 126) {
                if (in.remaining() < 4) {
                    return;
                }
                length = in.getShort(start + 2) & 0xffff;
                header = 4;
            } else if (b1 == 127) {
                if (in.remaining() < 10) {
                    return;
                }
                length = in.getLong(start + 2);
                header = 10;
            }
            if (in.remaining() < header + length) {
                return;
            }
            int payload = start + header;
            in.position(payload + (int) length);
            frame(b0, in, payload, (int) length);
        }
    }

    private void frame(int b0, ByteBuffer in, int offset, int length) {
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0f;
        switch (opcode) {
            case 0x1, 0x0 -> {
                if (fin && fragments == null) {
                    listener.onText(this, in, offset, length);
                    return;
                }
                if (fragments == null) {
                    fragments = new java.io.ByteArrayOutputStream();
                }
                for (int i = 0; i < length; i++) {
                    fragments.write(in.get(offset + i));
                }
                if (fin) {
                    byte[] whole = fragments.toByteArray();
                    fragments = null;
                    listener.onText(this, ByteBuffer.wrap(whole), 0, whole.length);
                }
            }
            case 0x9 -> {
                byte[] ping = new byte[length];
                in.get(offset, ping);
                sendFrame(0x8A, ping, length);
            }
            case 0x8 -> close("close frame " + (length >= 2 ? (in.getShort(offset) & 0xffff) : 0));
            default -> {
                // pong or binary: not used by any bench server
            }
        }
    }

    private static int indexOf(ByteBuffer in, byte[] needle) {
        outer:
        for (int i = in.position(); i <= in.limit() - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (in.get(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    void fail(Exception e) {
        close(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** Drops the connection at once (like a lost network), telling the listener. */
    public void close(String why) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        leftover = null;
        pendingOut = null;
        try {
            if (key != null) {
                key.cancel();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        listener.onClose(this, why);
    }
}
