package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.parley.server.support.PrivateChatTestClient.newMessage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.parley.chat.privatechat.SeparateChatPort;
import org.parley.server.support.ChatTestClient;
import org.parley.server.support.PrivateChatTestClient;
import org.parley.server.support.TestCertificate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Parley started with the original's {@code cert.pem} (a private key followed by a certificate, made here):
 * HTTPS pages, WSS sockets on the main port and on the separate chat port, TLS 1.2 and 1.3 only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TlsTest {

    private static final TestCertificate CERTIFICATE = TestCertificate.selfSigned();

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        String pem = CERTIFICATE.writeCombinedToTemporaryFile();
        registry.add("parley.tls.pem-file", () -> pem);
        registry.add("parley.private-chat.separate-port", () -> "0");
    }

    @LocalServerPort
    int port;

    @Autowired
    SeparateChatPort chatPort;

    @Autowired
    WebServerApplicationContext context;

    private ChatTestClient client() {
        return new ChatTestClient("https://127.0.0.1:" + port, CERTIFICATE.trustingIt());
    }

    @Test
    void pagesComeOverHttpsWithTheCertificateFromThePemFile() throws Exception {
        var http = HttpClient.newBuilder().sslContext(CERTIFICATE.trustingIt()).build();
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/login"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        var session = login.sslSession().orElseThrow();
        assertThat(session.getPeerCertificates()[0]).isEqualTo(CERTIFICATE.certificate());
        assertThat(session.getProtocol()).isIn("TLSv1.2", "TLSv1.3");

        // Plain HTTP on the TLS port gets nowhere.
        var plain = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(400);
    }

    @Test
    void bothConnectorsOfferOnlyTls12And13AndEachOneNegotiates() throws Exception {
        var tomcat = ((TomcatWebServer) context.getWebServer()).getTomcat();
        List<Connector> connectors = Arrays.asList(tomcat.getService().findConnectors());
        assertThat(connectors).hasSize(2);
        for (Connector connector : connectors) {
            assertThat(connector.getSecure()).isTrue();
            assertThat(connector.findSslHostConfigs()[0].getProtocols())
                    .containsExactlyInAnyOrder("TLSv1.2", "TLSv1.3");
        }
        for (int target : new int[] {port, chatPort.localPort()}) {
            for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
                try (var socket =
                        (SSLSocket) CERTIFICATE.trustingIt().getSocketFactory().createSocket("127.0.0.1", target)) {
                    socket.setEnabledProtocols(new String[] {protocol});
                    socket.startHandshake();
                    assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
                }
            }
        }
    }

    @Test
    void privateChatOverWssOnTheChatPortAndNativeOverWssOnTheMainPort() {
        var a = PrivateChatTestClient.of(client().signUpAndLogIn("tls-alice", "tls-alice-password"));
        var bobLogin = client().signUpAndLogIn("tls-bob", "tls-bob-password");
        int chat = chatPort.localPort();
        assertThat(chat).isPositive().isNotEqualTo(port);
        assertThat(a.wsServerPath()).isEqualTo("wss://127.0.0.1:" + chat + "/private-chat/");

        ChatTestClient.Socket alicePage = a.openReady("tls-bob", "https://127.0.0.1:" + chat);
        ChatTestClient.Socket bobNative = bobLogin.connect("/ws");
        // Registered once it answers (the client sees the 101 before the server has opened the socket).
        bobNative.sendJson("type", "check-online");
        bobNative.awaitType("gone-online");
        alicePage.send(newMessage(a.sessionKey(), "tls-bob", "<over> wss"));
        assertThat(bobNative.awaitType("new-message").path("message").asString())
                .isEqualTo("<over> wss");
        assertThat(alicePage.awaitType("new-message").path("message").asString())
                .isEqualTo("&lt;over&gt; wss");
    }

    @Test
    void theChatPortAnswersNothingButTheChatSockets() {
        var login = client().signUpAndLogIn("tls-carol", "tls-carol-password");
        var onChatPort = login.fresh("https://127.0.0.1:" + chatPort.localPort());
        assertThat(onChatPort.get("/login").statusCode()).isEqualTo(404);
        assertThat(onChatPort.get("/api/private-chat/session").statusCode()).isEqualTo(404);
        assertThat(onChatPort.get("/private-chat/dialogs/").statusCode()).isEqualTo(404);
        assertThat(login.get("/login").statusCode()).isEqualTo(200);
        Throwable refused = catchThrowable(() -> onChatPort.connect("/ws"));
        assertThat(refused.getCause())
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(404));
    }
}
