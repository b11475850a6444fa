package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.MessageCreated;
import org.parley.chat.realtime.ChatConnection;
import org.parley.chat.realtime.CloseReason;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * A client that keeps sending but stopped reading, while what waits for it stays far below the outbound
 * buffer: it is not silent (no 4002) and not over the buffer, but its frames wait longer than the send-time
 * limit, so it is closed as a slow consumer (4001) soon after, and nobody else notices.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "parley.websocket.outbound-buffer-size=64MB",
            "parley.websocket.send-time-limit=1s",
            "parley.websocket.ping-interval=2s"
        })
class StalledClientTest extends RealtimeTestSupport {

    private static final String BIG_TEXT = "s".repeat(50_000);

    @Autowired
    ChatBroker broker;

    @Test
    void aClientThatSendsButNeverReadsIsClosedAsASlowConsumerWithinTheSendTimeLimit(CapturedOutput output) {
        var stalled = login("stalled");
        var other = login("other");
        var stalledSocket = connect(stalled);
        var otherSocket = connect(other);
        long stalledId = userId(stalled);
        long otherId = userId(other);
        ChatConnection connection = registry.connectionsOf(stalledId).get(0);

        stalledSocket.pauseReading();
        // Far more than the TCP buffers between server and client hold, far less than the outbound buffer.
        for (int i = 0; i < 300; i++) {
            broker.publish(
                    new MessageCreated(
                            i,
                            1,
                            otherId,
                            other.username(),
                            stalledId,
                            stalled.username(),
                            BIG_TEXT,
                            Instant.now(),
                            "stall-" + i),
                    List.of(Topic.user(stalledId)));
        }
        // It keeps talking, so it is never silent long enough for the heartbeat's 4002.
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    if (connection.isOpen() && !stalledSocket.isClosed()) {
                        stalledSocket.sendJson("type", "check-online");
                    }
                    return !connection.isOpen();
                });

        awaitNoSockets(stalled);
        assertThat(output.getOut())
                .contains("of user " + stalled.username() + ": " + CloseReason.SLOW_CONSUMER.code() + " (");
        // The other user was never held up.
        assertThat(otherSocket.isClosed()).isFalse();
        var third = login("third");
        send(connect(third), other, "still served");
        otherSocket.await(f -> "still served".equals(f.path("message").asString()));
    }
}
