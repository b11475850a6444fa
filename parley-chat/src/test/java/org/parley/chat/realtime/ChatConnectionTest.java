package org.parley.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;

/** The per-socket outbound queue: one frame in flight, order kept, nothing lost, slow clients closed. */
class ChatConnectionTest {

    @RepeatedTest(5)
    void concurrentSendersNeverOverlapAndLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        try (var socket = new FakeSocket()) {
            ChatConnection connection = socket.connection(1, Protocol.NATIVE, Long.MAX_VALUE);
            ExecutorService senders = Executors.newFixedThreadPool(threads);
            var start = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                senders.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        connection.send(thread + ":" + i);
                    }
                });
            }
            start.countDown();
            senders.shutdown();
            assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> socket.written.size() == threads * perThread);
            assertThat(socket.violations)
                    .as("sends overlapping in the container")
                    .hasValue(0);
            // Each sender's frames in its own order, each exactly once.
            List<List<Integer>> byThread = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                byThread.add(new ArrayList<>());
            }
            for (String frame : List.copyOf(socket.written)) {
                String[] parts = frame.split(":");
                byThread.get(Integer.parseInt(parts[0])).add(Integer.parseInt(parts[1]));
            }
            for (List<Integer> sequence : byThread) {
                assertThat(sequence).hasSize(perThread).isSorted().doesNotHaveDuplicates();
            }
            assertThat(socket.closes).isEmpty();
        }
    }

    @Test
    void aClientThatFallsBehindIsClosedWith4001AndNothingMoreIsWritten() throws Exception {
        try (var socket = new FakeSocket()) {
            ChatConnection connection = socket.connection(1, Protocol.NATIVE, 100);
            socket.stall = true;

            connection.send("in flight, not counted");
            for (int i = 0; i < 10; i++) {
                connection.send("0123456789"); // 10 x 10 characters: exactly the limit
            }
            assertThat(socket.closes).isEmpty();
            assertThat(connection.isOpen()).isTrue();

            connection.send("one too many");

            assertThat(socket.closes)
                    .extracting(CloseStatus::getCode)
                    .containsExactly(CloseReason.SLOW_CONSUMER.code());
            assertThat(connection.isOpen()).isFalse();
            // Its close frame may wait for the frame in flight, up to the send-time limit.
            assertThat(socket.userProperty("org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT"))
                    .isEqualTo(1000L);
            connection.send("after the close");
            assertThat(socket.written).containsExactly("in flight, not counted");
        }
    }

    @Test
    void aSendThatTimesOutClosesAsASlowConsumer() throws Exception {
        try (var socket = new FakeSocket()) {
            ChatConnection connection = socket.connection(1, Protocol.NATIVE, 1000);
            socket.failWith = new SocketTimeoutException("write timed out");

            connection.send("never arrives");

            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !socket.closes.isEmpty());
            assertThat(socket.closes)
                    .extracting(CloseStatus::getCode)
                    .containsExactly(CloseReason.SLOW_CONSUMER.code());
        }
    }

    @Test
    void closingTwiceClosesOnce() throws Exception {
        try (var socket = new FakeSocket()) {
            ChatConnection connection = socket.connection(1, Protocol.NATIVE, 1000);

            connection.closeLater(CloseReason.HEARTBEAT_TIMEOUT.status(), "test");
            connection.closeLater(CloseReason.SLOW_CONSUMER.status(), "test");

            assertThat(socket.closes)
                    .extracting(CloseStatus::getCode)
                    .containsExactly(CloseReason.HEARTBEAT_TIMEOUT.code());
            // A heartbeat close does not wait for the client: Tomcat's short default stays.
            assertThat(socket.userProperty("org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT"))
                    .isNull();
        }
    }

    @Test
    void pingsGoOutOneAtATimeOffTheCallersThread() throws Exception {
        try (var socket = new FakeSocket()) {
            List<Runnable> tasks = new ArrayList<>();
            var connection = new ChatConnection(
                    socket.session,
                    new org.parley.chat.user.ChatUser(1, "u", "u", false),
                    Protocol.NATIVE,
                    1000,
                    1000,
                    tasks::add);

            connection.ping(1);
            connection.ping(2);

            assertThat(tasks).hasSize(1);
            org.mockito.Mockito.verifyNoInteractions(socket.basic);
            tasks.get(0).run();
            org.mockito.Mockito.verify(socket.basic).sendPing(org.mockito.ArgumentMatchers.any());
            connection.ping(3);
            assertThat(tasks).hasSize(2);
        }
    }
}
