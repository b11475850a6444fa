package org.parley.server.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket client on a raw TCP socket that completes the handshake and then never sends anything of its
 * own: it does not answer pings, like a browser whose machine lost its network. It reads what the server
 * sends (counting pings) and records the close code of the server's close frame. java.net.http cannot do
 * this: it answers pings on its own. A test may write frames no real client would ({@link #sendRawFrame}).
 */
public final class SilentWebSocket implements AutoCloseable {

    private final Socket socket;
    private final AtomicInteger pings = new AtomicInteger();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    private SilentWebSocket(Socket socket) {
        this.socket = socket;
    }

    /** Opens {@code path} on 127.0.0.1:{@code port} with the cookie and a same-origin Origin header. */
    public static SilentWebSocket open(int port, String path, String cookie) throws IOException {
        var socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Origin: http://127.0.0.1:" + port + "\r\n"
                + "Cookie: " + cookie + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readHeaders(socket.getInputStream());
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("Handshake refused: " + status);
        }
        var client = new SilentWebSocket(socket);
        Thread reader = new Thread(client::readFrames, "silent-websocket-reader");
        reader.setDaemon(true);
        reader.start();
        return client;
    }

    private static String readHeaders(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed during the handshake");
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.indexOf('\r'));
    }

    private void readFrames() {
        try {
            var in = new DataInputStream(socket.getInputStream());
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0F;
                long length = in.readUnsignedByte() & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = in.readNBytes((int) length);
                if (opcode == 0x9) {
                    pings.incrementAndGet();
                } else if (opcode == 0x8) {
                    closeCode.complete(payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005);
                    return;
                }
            }
        } catch (IOException e) {
            closeCode.complete(-1);
        }
    }

    /**
     * Writes one whole frame as given, right or wrong: {@code masked} false breaks the rule that a client masks
     * its frames, and the payload need not be what the opcode promises (e.g. text that is not UTF-8).
     */
    public void sendRawFrame(int opcode, byte[] payload, boolean masked) throws IOException {
        var frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        byte[] body = payload.clone();
        if (masked) {
            byte[] key = new byte[4];
            ThreadLocalRandom.current().nextBytes(key);
            frame.write(key);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= key[i % 4];
            }
        }
        frame.write(body);
        OutputStream out = socket.getOutputStream();
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Pings received so far (none answered). */
    public int pings() {
        return pings.get();
    }

    /** The code of the server's close frame, or -1 if the connection ended without one. */
    public int awaitCloseCode(long timeout, TimeUnit unit) {
        return closeCode.orTimeout(timeout, unit).join();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
