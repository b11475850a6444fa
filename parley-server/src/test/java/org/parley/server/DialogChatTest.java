package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.server.support.ChatTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DialogChatTest {

    @LocalServerPort
    int port;

    @Test
    void twoUsersChatInRealTimeAndTheMessageIsStoredFirst() {
        String aliceName = ChatTestClient.uniqueUsername("alice");
        String bobName = ChatTestClient.uniqueUsername("bob");
        var alice = new ChatTestClient(port).signUpAndLogIn(aliceName, "alice-password");
        var bob = new ChatTestClient(port).signUpAndLogIn(bobName, "bob-password");
        var aliceSocket = alice.connect("/ws");
        var bobSocket = bob.connect("/ws");
        // A client sees the handshake's 101 before the server has registered the socket; a reply to the
        // socket's own frame proves it is registered (a page catches up by history instead).
        for (var socket : java.util.List.of(aliceSocket, bobSocket)) {
            socket.sendJson("type", "check-online");
            socket.awaitType("gone-online");
        }

        aliceSocket.sendJson("type", "new-message", "username", bobName, "message", "<b>hi</b>", "client_id", "c-1");

        var received = bobSocket.awaitType("new-message");
        assertThat(received.path("message").asString()).isEqualTo("<b>hi</b>");
        assertThat(received.path("sender_name").asString()).isEqualTo(aliceName);
        var echoed = aliceSocket.awaitType("new-message");
        assertThat(echoed.path("client_id").asString()).isEqualTo("c-1");
        assertThat(echoed.path("message_id").asLong())
                .isEqualTo(received.path("message_id").asLong());

        bobSocket.sendJson("type", "history", "username", aliceName);
        var history = bobSocket.awaitType("history");
        assertThat(history.path("messages")).hasSize(1);
        assertThat(history.path("messages").get(0).path("message").asString()).isEqualTo("<b>hi</b>");
    }
}
