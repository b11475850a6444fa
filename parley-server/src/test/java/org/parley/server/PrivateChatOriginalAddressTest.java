package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.support.PrivateChatTestClient.handshakeStatus;
import static org.parley.server.support.PrivateChatTestClient.newMessage;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.chat.privatechat.SeparateChatPort;
import org.parley.server.support.ChatTestClient;
import org.parley.server.support.PrivateChatTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The original's deployment: a separate chat port whose sockets sit at the root,
 * {@code ws://HOST:PORT/<session_key>/<opponent>}, and {@code ws_server_path} built from the analogs of
 * CHAT_WS_SERVER_PROTOCOL and CHAT_WS_SERVER_HOST. The root base path must not open any page of the main
 * port to a request that merely claims to be a WebSocket upgrade.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "parley.private-chat.base-path=/",
            "parley.private-chat.separate-port=0",
            "parley.private-chat.public-host=localhost",
            "parley.private-chat.public-protocol=ws"
        })
@ActiveProfiles("test")
class PrivateChatOriginalAddressTest {

    @LocalServerPort
    int port;

    @Autowired
    SeparateChatPort chatPort;

    @Test
    void theOriginalUrlShapeWorksOnTheSeparatePort() {
        var a = PrivateChatTestClient.signUp(port, "root-alice");
        var b = PrivateChatTestClient.signUp(port, "root-bob");
        int chat = chatPort.localPort();
        assertThat(a.wsServerPath()).isEqualTo("ws://localhost:" + chat + "/");

        var alicePage = a.openReady("root-bob", "http://127.0.0.1:" + chat);
        var bobPage = b.openReady("root-alice", "http://127.0.0.1:" + chat);
        alicePage.send(newMessage(a.sessionKey(), "root-bob", "hello from the root"));
        assertThat(bobPage.awaitType("new-message").path("message").asString()).isEqualTo("hello from the root");

        assertThat(new ChatTestClient("http://127.0.0.1:" + chat).get("/login").statusCode())
                .isEqualTo(404);
        assertThat(handshakeStatus("ws://127.0.0.1:" + chat + "/0123456789abcdef0123456789abcdef/root-bob", null))
                .isEqualTo(403);
    }

    @Test
    void anUpgradeHeaderOpensNoPageWithoutALogin() throws Exception {
        for (String path : new String[] {"/dialogs/root-bob", "/private-chat/dialogs/root-bob", "/api/private-chat"}) {
            // 401 would mean the page itself ran without a login and refused; security must stop it first.
            assertThat(statusOfUpgradeRequest(path)).as(path).isIn(302, 403);
        }
    }

    /** A GET that claims to be a WebSocket upgrade (java.net.http will not send these headers itself). */
    private int statusOfUpgradeRequest(String path) throws Exception {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                    + "Connection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
