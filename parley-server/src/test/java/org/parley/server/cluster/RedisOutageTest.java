package org.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.chat.support.RedisServerProcess;
import org.parley.server.support.ChatTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes on a redis-server of this test's own (never the shared one), stopped and started again in the
 * middle of a conversation: the sender's messages are stored and echoed with a degraded-delivery notice,
 * nothing hangs, every socket hears that delivery stopped and resumed, and the recipient recovers the gap
 * from the database by message id. No message is lost.
 */
class RedisOutageTest {

    private static RedisServerProcess redis;
    private static Cluster cluster;
    private static String nodeA;
    private static String nodeB;

    @BeforeAll
    static void startNodes() {
        redis = new RedisServerProcess().start();
        cluster = new Cluster(redis.port(), Duration.ofSeconds(30));
        nodeA = cluster.start();
        nodeB = cluster.start();
    }

    @AfterAll
    static void stopNodes() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            redis.close();
        }
    }

    private static boolean isMessage(JsonNode frame, String text) {
        return "new-message".equals(frame.path("type").asString())
                && text.equals(frame.path("message").asString());
    }

    @Test
    void noMessageIsLostWhenRedisGoesAwayAndComesBack() {
        var alice = new ChatTestClient(nodeA).signUpAndLogIn("alice", "alice-password");
        var bob = new ChatTestClient(nodeB).signUpAndLogIn("bob", "bob-password");
        var aliceSocket = alice.connect("/ws");
        var bobSocket = bob.connect("/ws");
        bobSocket.sendJson("type", "check-online");
        bobSocket.awaitType("gone-online");

        aliceSocket.sendJson("type", "new-message", "username", "bob", "message", "before");
        long lastSeenByBob =
                bobSocket.await(f -> isMessage(f, "before")).path("message_id").asLong();

        redis.stop();
        aliceSocket.await(f -> "delivery".equals(f.path("type").asString())
                && f.path("degraded").asBoolean());
        bobSocket.await(f -> "delivery".equals(f.path("type").asString())
                && f.path("degraded").asBoolean());

        List<Long> sentDuring = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            long start = System.nanoTime();
            aliceSocket.sendJson(
                    "type", "new-message", "username", "bob", "message", "during " + i, "client_id", "d" + i);
            String clientId = "d" + i;
            JsonNode echo =
                    aliceSocket.await(f -> "new-message".equals(f.path("type").asString())
                            && clientId.equals(f.path("client_id").asString()));
            aliceSocket.await(f -> "notice".equals(f.path("type").asString())
                    && "delivery-degraded".equals(f.path("code").asString())
                    && clientId.equals(f.path("client_id").asString()));
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("sending while Redis is away must not hang")
                    .isLessThan(Duration.ofSeconds(5));
            sentDuring.add(echo.path("message_id").asLong());
        }
        assertThat(bobSocket.frames().stream()
                        .filter(f -> f.path("message").asString().startsWith("during")))
                .isEmpty();

        int mark = bobSocket.mark();
        redis.start();
        bobSocket.awaitAfter(
                mark,
                f -> "delivery".equals(f.path("type").asString())
                        && !f.path("degraded").asBoolean());

        // What the native client does on "delivery restored": fetch history after the last id it has.
        bobSocket.sendJson("type", "history", "username", "alice", "after", lastSeenByBob);
        JsonNode history =
                bobSocket.awaitAfter(mark, f -> "history".equals(f.path("type").asString()));
        List<Long> recovered = new ArrayList<>();
        history.path("messages").forEach(m -> recovered.add(m.path("message_id").asLong()));
        assertThat(recovered).containsExactlyElementsOf(sentDuring);

        // Live delivery resumed (the nodes subscribed again by themselves).
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
            aliceSocket.sendJson("type", "is-typing", "username", "bob");
            return bobSocket.since(mark).stream()
                    .anyMatch(f -> "opponent-typing".equals(f.path("type").asString()));
        });
        aliceSocket.sendJson("type", "new-message", "username", "bob", "message", "after");
        bobSocket.await(f -> isMessage(f, "after"));

        Set<Long> bobHas = new HashSet<>();
        bobSocket
                .ofType("new-message")
                .forEach(f -> bobHas.add(f.path("message_id").asLong()));
        bobHas.addAll(recovered);
        aliceSocket.sendJson("type", "history", "username", "bob", "limit", 50);
        JsonNode all =
                aliceSocket.awaitAfter(0, f -> "history".equals(f.path("type").asString()));
        Set<Long> stored = new HashSet<>();
        all.path("messages").forEach(m -> stored.add(m.path("message_id").asLong()));
        assertThat(stored).hasSize(5);
        assertThat(bobHas).containsAll(stored);
    }
}
