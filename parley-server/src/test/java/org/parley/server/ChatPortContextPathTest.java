package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.chat.chatport.ChatPortServer;
import org.parley.server.support.ChatTestClient;
import org.parley.server.support.PrivateChatTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The chat port of an application under a context path: the pages open {@code /app/ws} (their socket path
 * with the context path, where the session cookie is sent), and the chat port answers it as {@code /ws}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {"server.servlet.context-path=/app", "parley.websocket.chat-port.port=0"})
class ChatPortContextPathTest {

    @LocalServerPort
    int port;

    @Autowired
    ChatPortServer chatPort;

    /** Signs up and logs in {@code username} on the pages under /app; its sockets go to the chat port. */
    private ChatTestClient signUp(String username) {
        return new ChatTestClient("http://127.0.0.1:" + port + "/app")
                .signUpAndLogIn(username, username + "-password")
                .socketsAt("http://127.0.0.1:" + chatPort.localPort());
    }

    @Test
    void theSocketPathsWithTheContextPathAreServed() {
        var alice = signUp(ChatTestClient.uniqueUsername("alice"));
        String page = "http://127.0.0.1:" + port;
        assertThat(alice.handshakeStatus("/app/ws", page)).isEqualTo(101);
        assertThat(alice.handshakeStatus("/app/chat/stream/", page)).isEqualTo(101);
        assertThat(alice.handshakeStatus("/other/ws", page)).isEqualTo(404);
    }

    @Test
    void thePrivateChatSocketIsWhereWsServerPathSays() {
        var alice = PrivateChatTestClient.of(signUp(ChatTestClient.uniqueUsername("alice")));
        String bob = ChatTestClient.uniqueUsername("bob");
        signUp(bob);
        String chat = "ws://127.0.0.1:" + chatPort.localPort();
        assertThat(alice.wsServerPath()).startsWith(chat + "/");

        assertThat(PrivateChatTestClient.handshakeStatus(alice.wsServerPath() + alice.sessionKey() + "/" + bob, null))
                .isEqualTo(101);
        // The same socket with the context path in front, as the pages' other sockets are addressed.
        assertThat(PrivateChatTestClient.handshakeStatus(
                        chat + "/app/private-chat/" + alice.sessionKey() + "/" + bob, null))
                .isEqualTo(101);
    }
}
