package org.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.server.support.ChatTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A node whose PostgreSQL goes away (through a proxy that drops every connection; the shared server keeps
 * running) and comes back: senders get an {@code unavailable} error frame within seconds, nothing that
 * failed is stored, and the node recovers by itself.
 */
class PostgresOutageTest {

    private static TcpProxy postgres;
    private static Cluster cluster;
    private static String node;

    @BeforeAll
    static void startNode() {
        postgres = new TcpProxy(5432);
        cluster = new Cluster(6379, postgres.port(), Duration.ofSeconds(30));
        node = cluster.start();
    }

    @AfterAll
    static void stopNode() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            postgres.close();
        }
    }

    private static boolean answers(JsonNode frame, String clientId) {
        return clientId.equals(frame.path("client_id").asString())
                && ("new-message".equals(frame.path("type").asString())
                        || "error".equals(frame.path("type").asString()));
    }

    @Test
    void sendersGetAnErrorNothingIsHalfStoredAndTheNodeRecoversByItself() {
        var alice = new ChatTestClient(node).signUpAndLogIn("alice", "alice-password");
        var bob = new ChatTestClient(node).signUpAndLogIn("bob", "bob-password");
        var aliceSocket = alice.connect("/ws");
        var bobSocket = bob.connect("/ws");
        aliceSocket.sendJson("type", "new-message", "username", "bob", "message", "before", "client_id", "b");
        bobSocket.await(f -> "before".equals(f.path("message").asString()));

        postgres.cut();
        long start = System.nanoTime();
        aliceSocket.sendJson("type", "new-message", "username", "bob", "message", "during", "client_id", "d");
        JsonNode answer = aliceSocket.await(f -> answers(f, "d"));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("With PostgreSQL away, the sender's error came after " + waited.toMillis() + " ms");
        assertThat(answer.path("type").asString()).isEqualTo("error");
        assertThat(answer.path("code").asString()).isEqualTo("unavailable");
        assertThat(waited).isLessThan(Duration.ofSeconds(10));

        postgres.restore();
        List<String> stored = new ArrayList<>(List.of("before"));
        int[] attempt = {0};
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String clientId = "a" + (++attempt[0]);
                    aliceSocket.sendJson(
                            "type", "new-message", "username", "bob", "message", clientId, "client_id", clientId);
                    JsonNode reply = aliceSocket.await(f -> answers(f, clientId));
                    if ("new-message".equals(reply.path("type").asString())) {
                        stored.add(clientId);
                        return true;
                    }
                    return false;
                });
        bobSocket.await(
                f -> stored.get(stored.size() - 1).equals(f.path("message").asString()));

        bobSocket.sendJson("type", "history", "username", "alice");
        List<String> history = new ArrayList<>();
        bobSocket
                .awaitType("history")
                .path("messages")
                .forEach(m -> history.add(m.path("message").asString()));
        assertThat(history)
                .as("exactly the messages whose senders were told they were stored")
                .containsExactlyElementsOf(stored);
    }
}
