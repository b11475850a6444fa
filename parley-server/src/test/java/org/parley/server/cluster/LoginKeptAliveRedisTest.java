package org.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.chat.chatport.ChatPortServer;
import org.parley.server.support.ChatTestClient;

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

    private static ChatTestClient user(String username) {
        return new ChatTestClient(node).signUpAndLogIn(username, username + "-password");
    }

    /** Opens a socket and waits for the answer to a request, so the node has registered it. */
    private static ChatTestClient.Socket open(ChatTestClient client) {
        var socket = client.connect("/ws");
        int mark = socket.mark();
        socket.sendJson("type", "check-online");
        socket.awaitAfter(mark, f -> "gone-online".equals(f.path("type").asString()));
        return socket;
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
        var onChatPort = user(name("chatport"))
                .socketsAt("http://127.0.0.1:"
                        + cluster.bean(node, ChatPortServer.class).localPort());
        var onServletPort = user(name("servlet"));
        var quiet = user(quietName);
        var chatPortSocket = open(onChatPort);
        var servletSocket = open(onServletPort);
        open(quiet);
        long quietsLastRequest = System.nanoTime();

        Duration chatting = Duration.ofSeconds(3L * SESSION_SECONDS);
        int[] sent = {0};
        Awaitility.await()
                .atMost(chatting.multipliedBy(3))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    send(chatPortSocket, quietName, "from the chat port " + ++sent[0]);
                    send(servletSocket, quietName, "from the servlet port " + sent[0]);
                    return System.nanoTime() - quietsLastRequest > chatting.toNanos();
                });

        assertThat(sent[0]).isGreaterThan(10);
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
