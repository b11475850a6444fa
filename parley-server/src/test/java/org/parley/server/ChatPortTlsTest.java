package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.parley.server.support.PrivateChatTestClient.newMessage;

import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.parley.chat.chatport.ChatPortServer;
import org.parley.server.support.ChatTestClient;
import org.parley.server.support.PrivateChatTestClient;
import org.parley.server.support.TestCertificate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The chat port with the original's {@code cert.pem} ({@code parley.tls.pem-file}): WSS with the main port's
 * certificate and protocols, the native socket with the session of the HTTPS pages, the private-chat socket
 * where {@code ws_server_path} (now {@code wss}) points.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ChatPortTlsTest {

    private static final TestCertificate CERTIFICATE = TestCertificate.selfSigned();

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        String pem = CERTIFICATE.writeCombinedToTemporaryFile();
        registry.add("parley.tls.pem-file", () -> pem);
        registry.add("parley.websocket.chat-port.port", () -> "0");
    }

    @LocalServerPort
    int port;

    @Autowired
    ChatPortServer chatPort;

    private ChatTestClient client() {
        return new ChatTestClient("https://127.0.0.1:" + port, CERTIFICATE.trustingIt())
                .socketsAt("https://127.0.0.1:" + chatPort.localPort());
    }

    @Test
    void theChatPortOffersTls12And13WithTheCertificateFromThePemFile() throws Exception {
        for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
            try (var socket = (SSLSocket)
                    CERTIFICATE.trustingIt().getSocketFactory().createSocket("127.0.0.1", chatPort.localPort())) {
                socket.setEnabledProtocols(new String[] {protocol});
                socket.startHandshake();
                assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
                assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(CERTIFICATE.certificate());
            }
        }
    }

    @Test
    void nativeAndPrivateChatOverWssOnTheChatPort() {
        var alice = PrivateChatTestClient.of(client().signUpAndLogIn("cp-tls-alice", "cp-tls-alice-password"));
        var bobLogin = client().signUpAndLogIn("cp-tls-bob", "cp-tls-bob-password");
        int chat = chatPort.localPort();
        assertThat(chat).isPositive().isNotEqualTo(port);
        assertThat(alice.wsServerPath()).isEqualTo("wss://127.0.0.1:" + chat + "/private-chat/");

        ChatTestClient.Socket alicePage = alice.openReady("cp-tls-bob");
        ChatTestClient.Socket bobNative = bobLogin.connect("/ws");
        bobNative.sendJson("type", "check-online");
        bobNative.awaitType("gone-online");
        alicePage.send(newMessage(alice.sessionKey(), "cp-tls-bob", "<over> wss"));
        assertThat(bobNative.awaitType("new-message").path("message").asString())
                .isEqualTo("<over> wss");
        assertThat(alicePage.awaitType("new-message").path("message").asString())
                .isEqualTo("&lt;over&gt; wss");
    }

    @Test
    void plainWsOnTheTlsChatPortGetsNowhere() {
        var login = new ChatTestClient("https://127.0.0.1:" + port, CERTIFICATE.trustingIt())
                .signUpAndLogIn("cp-tls-carol", "cp-tls-carol-password")
                .socketsAt("http://127.0.0.1:" + chatPort.localPort());
        Throwable refused = catchThrowable(() -> login.connect("/ws"));
        assertThat(refused).isInstanceOf(CompletionException.class);
    }
}
