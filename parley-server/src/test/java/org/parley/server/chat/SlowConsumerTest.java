package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.MessageCreated;
import org.parley.chat.realtime.ChatConnection;
import org.parley.chat.realtime.CloseReason;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A client that stops reading is closed with 4001 once its small outbound buffer is full, and neither the
 * publishers nor the other clients wait for it. The events are published straight to the broker (as a
 * service does after its commit), because no user may send the megabytes it takes to fill the TCP buffers.
 */
@TestPropertySource(
        properties = {"parley.websocket.outbound-buffer-size=128KB", "parley.websocket.send-time-limit=30s"})
class SlowConsumerTest extends RealtimeTestSupport {

    private static final int EVENTS = 400;
    private static final String BIG_TEXT = "z".repeat(50_000);

    @Autowired
    ChatBroker broker;

    @Test
    void aClientThatStopsReadingIsClosedWith4001WhileOthersReceivePromptly() {
        var slow = login("slow");
        var normal = login("normal");
        var slowSocket = connect(slow);
        var normalSocket = connect(normal);
        long slowId = userId(slow);
        long normalId = userId(normal);
        ChatConnection slowConnection = registry.connectionsOf(slowId).get(0);

        slowSocket.pauseReading();
        Duration longestPublish = Duration.ZERO;
        for (int i = 0; i < EVENTS && slowConnection.isOpen(); i++) {
            // The normal client reads at its own pace: one frame ahead at most. 128 KB hold two 50 KB frames: a
            // frame the client has read still counts until the I/O thread has seen its write complete, so the
            // next one can be queued a moment before the last one's bytes are released (with 64 KB that race
            // closed the normal client in one CI run of the chat-port variant).
            int received = i;
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> normalSocket.ofType("new-message").size() >= received);
            Instant start = Instant.now();
            broker.publish(
                    new MessageCreated(
                            i, 1, normalId, normal.username(), slowId, slow.username(), BIG_TEXT, start, "big-" + i),
                    List.of(Topic.user(slowId), Topic.user(normalId)));
            Duration took = Duration.between(start, Instant.now());
            longestPublish = took.compareTo(longestPublish) > 0 ? took : longestPublish;
        }

        // Publishing only queues: it never waited for the slow client (that would take the 30 s send limit),
        // and the normal client got everything.
        assertThat(longestPublish).isLessThan(Duration.ofSeconds(5));
        assertThat(slowConnection.isOpen())
                .as("closed before %s events", EVENTS)
                .isFalse();
        int published = (int) normalSocket.ofType("new-message").size();
        normalSocket.awaitCount(f -> isType(f, "new-message"), Math.max(published, 1));
        assertThat(normalSocket.isClosed()).isFalse();

        // The slow client was given up on; once it reads again it finds the close frame with 4001.
        slowSocket.resumeReading();
        assertThat(slowSocket.awaitClosed()).isEqualTo(CloseReason.SLOW_CONSUMER.code());
        awaitNoSockets(slow);
        assertThat(slowSocket.ofType("new-message").size()).isLessThan(EVENTS);

        // The normal client is still served.
        var other = login("other");
        var otherSocket = connect(other);
        send(otherSocket, normal, "still here?");
        normalSocket.await(f -> "still here?".equals(f.path("message").asString()));
    }
}
