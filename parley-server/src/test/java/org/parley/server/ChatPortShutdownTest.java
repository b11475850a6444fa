package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.chat.chatport.ChatPortServer;
import org.parley.chat.realtime.CloseReason;
import org.parley.chat.realtime.SessionRegistry;
import org.parley.server.support.ChatTestClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping a server with sockets on both ports: every socket gets the shutdown close (1001), the chat-port
 * ones too (the chat port stops only after they were closed), and then the chat port is gone.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChatPortShutdownTest {

    @Test
    void stoppingTheServerClosesTheSocketsOfBothPortsWith1001(CapturedOutput output) {
        ConfigurableApplicationContext server = new SpringApplicationBuilder(ParleyServerApplication.class)
                .profiles("test")
                // Arguments, not default properties: the test profile turns the chat port off, and would win.
                .run("--server.port=0", "--parley.websocket.chat-port.port=0");
        String base;
        String chatPortBase;
        SessionRegistry registry;
        try {
            base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
            int chatPort = server.getBean(ChatPortServer.class).localPort();
            chatPortBase = "http://127.0.0.1:" + chatPort;
            registry = server.getBean(SessionRegistry.class);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        ChatTestClient.Socket onServletPort;
        ChatTestClient.Socket onChatPort;
        ChatTestClient.Socket multichatOnChatPort;
        try {
            String alice = ChatTestClient.uniqueUsername("alice");
            String bob = ChatTestClient.uniqueUsername("bob");
            onServletPort = ready(new ChatTestClient(base)
                    .signUpAndLogIn(alice, alice + "-password")
                    .connect("/ws"));
            var bobClient = new ChatTestClient(base)
                    .signUpAndLogIn(bob, bob + "-password")
                    .socketsAt(chatPortBase);
            onChatPort = ready(bobClient.connect("/ws"));
            multichatOnChatPort = bobClient.connect("/chat/stream/");
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> registry.size() == 3);
        } finally {
            server.close();
        }

        assertThat(onServletPort.awaitClosed()).isEqualTo(CloseReason.SHUTDOWN.code());
        assertThat(onChatPort.awaitClosed()).isEqualTo(CloseReason.SHUTDOWN.code());
        assertThat(multichatOnChatPort.awaitClosed()).isEqualTo(CloseReason.SHUTDOWN.code());
        assertThat(registry.size()).isZero();
        assertThat(output.getOut()).doesNotContain("sockets still open after");
        Throwable refused = catchThrowable(() -> new ChatTestClient(chatPortBase).handshakeStatus("/ws", chatPortBase));
        assertThat(refused).hasCauseInstanceOf(ConnectException.class);
    }

    /** Waits for an answer, so the server has registered the socket. */
    private static ChatTestClient.Socket ready(ChatTestClient.Socket socket) {
        int mark = socket.mark();
        socket.sendJson("type", "check-online");
        socket.awaitAfter(mark, f -> "gone-online".equals(f.path("type").asString()));
        return socket;
    }
}
