package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.server.support.ChatTestClient;
import org.parley.server.support.PrivateChatTestClient;
import org.parley.server.support.SocketPorts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/** {@link PrivateChatLogoutTest} with the private-chat sockets on the chat port, where {@code ws_server_path} points. */
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortPrivateChatLogoutTest extends PrivateChatLogoutTest {

    @Autowired
    ApplicationContext context;

    @Test
    void theSocketsOfThisTestAreOnTheChatPort() {
        var client = PrivateChatTestClient.signUp(port, ChatTestClient.uniqueUsername("carol"));
        assertThat(client.socketBase()).isEqualTo("http://127.0.0.1:" + SocketPorts.chatPort(context));
    }
}
