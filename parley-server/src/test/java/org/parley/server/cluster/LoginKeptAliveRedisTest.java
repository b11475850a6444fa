package org.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.cluster.Cluster.open;
import static org.parley.server.cluster.Cluster.user;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.chat.chatport.ChatPortServer;
import org.parley.server.support.ChatTestClient;
import org.parley.server.support.KeepChatting;

/**
 * The logins of several nodes live in Redis (Spring Session): a user who only chats, on the chat port or on the
 * servlet port, stays logged in past the session's inactivity timeout; one whose socket is merely open is
 * logged out. Sessions here expire after {@value #SESSION_SECONDS} s without use.
 */
class LoginKeptAliveRedisTest {

    private static final int SESSION_SECONDS = 2;
    private static final AtomicInteger USERS = new AtomicInteger();
    private static Cluster cluster;
    private static String node;

    @BeforeAll
    static void startNode() {
        cluster = new Cluster(6379, Duration.ofSeconds(30))
                .with("parley.websocket.chat-port.port", "0")
                .with("spring.session.timeout", SESSION_SECONDS + "s")
                .with("parley.websocket.login-refresh-interval", "200ms");
        node = cluster.start();
    }

    @AfterAll
    static void stopNode() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String name(String base) {
        return base + "-ka" + USERS.incrementAndGet();
    }

    private static void send(ChatTestClient.Socket from, String to, String text) {
        String clientId = "ka-" + USERS.incrementAndGet();
        int mark = from.mark();
        from.sendJson("type", "new-message", "username", to, "message", text, "client_id", clientId);
        from.awaitAfter(
                mark,
                f -> "new-message".equals(f.path("type").asString())
                        && clientId.equals(f.path("client_id").asString()));
    }

    @Test
    void chattingOnEitherPortKeepsTheLoginInRedisAliveAndAnOpenSocketAloneDoesNot() {
        String quietName = name("quiet");
        var onChatPort = user(node, name("chatport"))
                .socketsAt("http://127.0.0.1:"
                        + cluster.bean(node, ChatPortServer.class).localPort());
        var onServletPort = user(node, name("servlet"));
        var quiet = user(node, quietName);
        var chatPortSocket = open(onChatPort);
        var servletSocket = open(onServletPort);
        open(quiet);
        long quietsLastRequest = System.nanoTime();

        int sent = KeepChatting.until(quietsLastRequest, Duration.ofSeconds(3L * SESSION_SECONDS), n -> {
            send(chatPortSocket, quietName, "from the chat port " + n);
            send(servletSocket, quietName, "from the servlet port " + n);
        });

        assertThat(sent).isGreaterThan(10);
        assertThat(onChatPort.get("/dialogs/").statusCode())
                .as("the chat-port user's page")
                .isEqualTo(200);
        assertThat(onServletPort.get("/dialogs/").statusCode())
                .as("the servlet-port user's page")
                .isEqualTo(200);
        HttpResponse<String> quietsPage = quiet.get("/dialogs/");
        assertThat(quietsPage.statusCode())
                .as("the page of the user who only listened")
                .isEqualTo(302);
        assertThat(quietsPage.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
    }
}
