package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link HandshakeTest} on the chat port, which serves the socket paths and nothing else. Its pages are on
 * the servlet port, so an Origin of the same host on the pages' port is the normal case there and is accepted;
 * the same host on any other port (another application of that host) and another host are refused.
 */
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortHandshakeTest extends HandshakeTest {

    private static final String MULTICHAT = RoomTestSupport.MULTICHAT;

    @Override
    @Test
    void anOriginOnAnotherPortOfTheSameHost() {
        var alice = login("alice");
        assertThat(socketPort()).isNotEqualTo(port);
        assertThat(alice.client().handshakeStatus("/ws", servletBase())).isEqualTo(101);
        assertThat(alice.client().handshakeStatus("/ws", "http://127.0.0.1:" + socketPort()))
                .isEqualTo(101);
        int otherPort = port + 1 == socketPort() ? port + 2 : port + 1;
        assertThat(alice.client().handshakeStatus("/ws", "http://127.0.0.1:" + otherPort))
                .isEqualTo(403);
        assertThat(alice.client().handshakeStatus("/ws", "http://localhost:" + socketPort()))
                .isEqualTo(403);
        assertThat(alice.client().handshakeStatus(MULTICHAT, "http://127.0.0.2:" + port))
                .isEqualTo(403);
        assertThat(alice.client().handshakeStatus("/ws", "null")).isEqualTo(403);
    }

    @Test
    void onlyTheSocketPathsAreServed() {
        var alice = login("alice");
        // Another path, even with a valid handshake and session: 404, as is any page.
        assertThat(alice.client().handshakeStatus("/nowhere", servletBase())).isEqualTo(404);
        assertThat(alice.client().handshakeStatus("/ws/more", servletBase())).isEqualTo(404);
        assertThat(alice.client().handshakeStatus("/private-chat/not-hex/bob", null))
                .isEqualTo(404);
        assertThat(plainGet("/")).isEqualTo(404);
        assertThat(plainGet("/login")).isEqualTo(404);
        assertThat(plainGet("/dialogs/")).isEqualTo(404);
        // A socket path without an upgrade: 400.
        assertThat(plainGet("/ws")).isEqualTo(400);
        assertThat(plainGet(MULTICHAT)).isEqualTo(400);
        assertThat(registry.connectionsOf(userId(alice))).isEmpty();
    }

    @Test
    void theMultichatSocketToo() {
        var alice = login("alice");
        assertThat(alice.client().handshakeStatus(MULTICHAT, servletBase())).isEqualTo(101);
        assertThat(client().handshakeStatus(MULTICHAT, servletBase())).isEqualTo(403);
        assertThat(alice.client().handshakeStatus(MULTICHAT, "http://evil.example"))
                .isEqualTo(403);
    }

    private int plainGet(String path) {
        var http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(socketBase() + path))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Requests a browser never sends but anybody may: refused as bad requests (as the servlet port's Tomcat
     * does), not failed with 500 and a stack trace in the log.
     */
    @Test
    void malformedUpgradeRequestsAreBadRequests() throws Exception {
        var alice = login("alice");
        String cookie = alice.client().sessionCookie();
        assertThat(rawUpgrade("/ws?x=|", "127.0.0.1:" + socketPort(), cookie)).isEqualTo(400);
        assertThat(rawUpgrade("/ws", "bad host", cookie)).isEqualTo(400);
        assertThat(rawUpgrade("/ws", "127.0.0.1:" + socketPort(), cookie)).isEqualTo(101);
    }

    /** The status line's code of a WebSocket upgrade sent as raw bytes (no Origin). */
    private int rawUpgrade(String target, String host, String cookie) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", socketPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + target + " HTTP/1.1\r\n"
                    + "Host: " + host + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "Cookie: " + cookie + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
            String status = in.readLine();
            assertThat(status).as("status line").startsWith("HTTP/1.1 ");
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
