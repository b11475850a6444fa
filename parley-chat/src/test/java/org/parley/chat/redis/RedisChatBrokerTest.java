package org.parley.chat.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.ChatBrokerContract;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.UserTyping;
import org.parley.chat.support.RedisServerProcess;

class RedisChatBrokerTest extends ChatBrokerContract {

    private final RedisTestSupport redis = new RedisTestSupport();
    private final List<RedisChatBroker> nodes = new ArrayList<>();

    @Override
    protected ChatBroker node(int index) {
        while (nodes.size() <= index) {
            nodes.add(new RedisChatBroker(redis.newNode(), new RedisEventCodec()));
        }
        return nodes.get(index);
    }

    @AfterEach
    void close() {
        nodes.forEach(RedisChatBroker::close);
        redis.close();
    }

    @Test
    void anEventCrossesToAnotherNodeInAMeasuredTime() {
        ChatBroker publisher = node(0);
        ChatBroker receiver = node(1);
        Topic topic = Topic.user(600);
        subscribeAndAwait(publisher, receiver, topic);

        int rounds = 300;
        long[] micros = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            var event = new UserTyping(i, 1, "timer", 600);
            long start = System.nanoTime();
            publisher.publish(event, List.of(topic));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofNanos(20_000))
                    .until(() -> recorder(receiver).events().contains(event));
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        java.util.Arrays.sort(micros);
        System.out.printf(
                "Event from node to node through Redis: median %d us, p99 %d us (%d rounds)%n",
                micros[rounds / 2], micros[rounds * 99 / 100], rounds);
        assertThat(recorder(receiver).events()).hasSize(rounds);

        // And as many as one publisher can send: each one encoded once, published, decoded, delivered.
        recorder(receiver).clear();
        int burst = 5000;
        long start = System.nanoTime();
        for (int i = 0; i < burst; i++) {
            publisher.publish(new UserTyping(i, 2, "burst", 600), List.of(topic));
        }
        long publishedMicros = (System.nanoTime() - start) / 1000;
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> recorder(receiver).events().size() == burst);
        long tookMicros = (System.nanoTime() - start) / 1000;
        System.out.printf(
                "%d events from node to node through Redis in %d ms (all published after %d ms): %.0f events/s%n",
                burst, tookMicros / 1000, publishedMicros / 1000, burst / (tookMicros / 1e6));
    }

    @Test
    void aNodeGetsOnlyTheTopicsItSubscribedTo() {
        ChatBroker publisher = node(0);
        ChatBroker receiver = node(1);
        subscribeAndAwait(publisher, receiver, Topic.user(1));

        var elsewhere = new UserTyping(1, 2, "dave", 9);
        publisher.publish(elsewhere, List.of(Topic.user(9)));
        awaitAfterMarker(publisher, receiver, Topic.user(1));

        assertThat(recorder(receiver).events()).doesNotContain(elsewhere);
    }

    @Test
    void anUnsubscribedNodeStopsGettingTheTopic() {
        ChatBroker publisher = node(0);
        ChatBroker receiver = node(1);
        subscribeAndAwait(publisher, receiver, Topic.user(1));
        subscribeAndAwait(publisher, receiver, Topic.user(2));
        receiver.unsubscribe(Topic.user(2));

        var gone = new UserTyping(2, 3, "erin", 2);
        publisher.publish(gone, List.of(Topic.user(2)));
        awaitAfterMarker(publisher, receiver, Topic.user(1));

        assertThat(recorder(receiver).events()).doesNotContain(gone);
    }

    @Test
    void whileRedisIsAwayPublishingReachesLocalSessionsAtOnceAndDeliveryResumesWhenItReturns() {
        try (var server = new RedisServerProcess().start();
                var own = new RedisTestSupport(server.port())) {
            var a = new RedisChatBroker(own.newNode(), new RedisEventCodec());
            var b = new RedisChatBroker(own.newNode(), new RedisEventCodec());
            try {
                subscribeAndAwait(a, b, Topic.user(1));
                subscribeAndAwait(b, a, Topic.user(2));

                server.stop();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !a.connected() && !b.connected());
                assertThat(recorder(b).links()).containsExactly(false);

                var during = new UserTyping(3, 2, "frank", 1);
                long start = System.nanoTime();
                a.publish(during, List.of(Topic.user(1), Topic.user(2)));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
                assertThat(recorder(a).events()).containsExactly(during);
                // b subscribed to user:3 while Redis was away: it must be listening once Redis is back.
                b.subscribe(Topic.user(3));

                server.start();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(15))
                        .until(() -> a.connected()
                                && b.connected()
                                && recorder(b).links().size() == 2);
                assertThat(recorder(b).links()).containsExactly(false, true);
                assertThat(recorder(b).events()).doesNotContain(during); // lost: clients fetch it from the database

                var after = new UserTyping(4, 2, "frank", 3);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                    a.publish(after, List.of(Topic.user(3)));
                    return recorder(b).events().contains(after);
                });
            } finally {
                a.close();
                b.close();
            }
        }
    }
}
