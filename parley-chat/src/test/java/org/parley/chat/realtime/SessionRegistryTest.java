package org.parley.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.ChatEvent;

/** The registry tells the broker about a topic's first local subscriber and after its last one, once each. */
class SessionRegistryTest {

    private final CountingBroker broker = new CountingBroker();
    private final SessionRegistry registry = new SessionRegistry(broker);
    private final List<FakeSocket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        sockets.forEach(FakeSocket::close);
    }

    private ChatConnection connection(long userId) throws Exception {
        var socket = new FakeSocket();
        sockets.add(socket);
        return socket.connection(userId, Protocol.NATIVE, 1000);
    }

    @Test
    void theFirstSubscriberSubscribesTheNodeAndTheLastOneUnsubscribesIt() throws Exception {
        ChatConnection tab1 = connection(7);
        ChatConnection tab2 = connection(7);
        Topic user = Topic.user(7);

        registry.register(tab1);
        registry.register(tab2);
        assertThat(broker.events).containsExactly("+user:7");
        assertThat(registry.connectionsOf(7)).containsExactlyInAnyOrder(tab1, tab2);

        assertThat(registry.unregister(tab1)).isTrue();
        assertThat(broker.events).containsExactly("+user:7");
        assertThat(registry.unregister(tab1)).as("second unregister").isFalse();
        assertThat(registry.unregister(tab2)).isTrue();
        assertThat(broker.events).containsExactly("+user:7", "-user:7");
        assertThat(registry.hasSubscribers(user)).isFalse();
        assertThat(registry.size()).isZero();
    }

    @Test
    void subscriptionsAreDroppedWithTheConnectionAndReadsAreCopies() throws Exception {
        ChatConnection alice = connection(1);
        ChatConnection bob = connection(2);
        registry.register(alice);
        registry.register(bob);
        Topic room = Topic.room(5);

        assertThat(registry.subscribe(alice, room)).isTrue();
        assertThat(registry.subscribe(alice, room)).isFalse();
        assertThat(registry.subscribe(bob, room)).isTrue();
        List<ChatConnection> members = registry.subscribersOf(List.of(room));
        // A connection subscribed to several of the topics is listed once.
        assertThat(registry.subscribersOf(List.of(room, Topic.user(1)))).containsExactlyInAnyOrder(alice, bob);

        registry.unregister(alice);
        // Bob still listens to the room: only Alice's own topic is given up.
        assertThat(broker.events).containsExactly("+user:1", "+user:2", "+room:5", "-user:1");
        registry.unregister(bob);

        assertThat(members).containsExactlyInAnyOrder(alice, bob);
        assertThat(registry.subscribersOf(List.of(room))).isEmpty();
        assertThat(broker.events.subList(4, broker.events.size())).containsExactlyInAnyOrder("-room:5", "-user:2");
    }

    @Test
    void aClosedConnectionCannotBeSubscribed() throws Exception {
        ChatConnection gone = connection(3);
        registry.register(gone);
        registry.unregister(gone);

        assertThat(registry.subscribe(gone, Topic.room(9))).isFalse();
        assertThat(registry.hasSubscribers(Topic.room(9))).isFalse();
    }

    @Test
    void concurrentOpensClosesAndSubscriptionsLeaveNothingBehind() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 300; round++) {
                ChatConnection tab1 = connection(round);
                ChatConnection tab2 = connection(round);
                registry.register(tab1);
                var barrier = new CyclicBarrier(3);
                List<Future<?>> work = List.of(
                        pool.submit(() -> {
                            barrier.await();
                            registry.unregister(tab1);
                            return null;
                        }),
                        pool.submit(() -> {
                            barrier.await();
                            // A room joined on another tab just as this socket closes.
                            registry.subscribe(tab1, Topic.room(1));
                            return null;
                        }),
                        pool.submit(() -> {
                            barrier.await();
                            registry.register(tab2);
                            registry.unregister(tab2);
                            return null;
                        }));
                for (Future<?> f : work) {
                    f.get();
                }
                sockets.forEach(FakeSocket::close);
                sockets.clear();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(registry.size()).isZero();
        assertThat(registry.hasSubscribers(Topic.room(1))).isFalse();
        // Every subscribe of a topic by this node was matched by one unsubscribe, alternating.
        broker.assertBalanced();
    }

    /** Records subscribe (+) and unsubscribe (-) calls per topic. */
    static final class CountingBroker implements ChatBroker {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private final ConcurrentHashMap<Topic, Integer> depth = new ConcurrentHashMap<>();
        private volatile boolean broken;

        @Override
        public void publish(ChatEvent event, Collection<Topic> topics) {}

        @Override
        public void subscribe(Topic topic) {
            events.add("+" + topic.channel());
            if (depth.merge(topic, 1, Integer::sum) != 1) {
                broken = true;
            }
        }

        @Override
        public void unsubscribe(Topic topic) {
            events.add("-" + topic.channel());
            if (depth.merge(topic, -1, Integer::sum) != 0) {
                broken = true;
            }
        }

        @Override
        public void deliverTo(LocalDelivery delivery) {}

        void assertBalanced() {
            assertThat(broken)
                    .as("a topic subscribed twice or unsubscribed while not subscribed")
                    .isFalse();
            assertThat(depth.values()).allMatch(d -> d == 0);
        }
    }
}
