package org.parley.chat.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.ChatEvent;
import org.parley.chat.event.PresenceChanged;
import org.parley.chat.user.ChatUser;

/** Online at the first socket, offline after the last, told to the audience only, in the store's order. */
class PresenceServiceTest {

    private static final ChatUser BOB = new ChatUser(2, "bob", "Bob", false);

    private final Recording broker = new Recording();
    private final InMemoryPresenceStore store = new InMemoryPresenceStore();
    // Bob's dialog partners are 1 and 3 (and himself, which must not count); 3 also shares a room.
    private final PresenceService presence = new PresenceService(
            store, List.of(user -> user == 2 ? List.of(1L, 3L, 2L) : List.of(), user -> List.of(3L)), broker);

    @Test
    void severalConnectionsAreOneOnlineAndTheLastCloseIsOneOffline() {
        presence.connected(BOB, "tab-1");
        presence.connected(BOB, "tab-2");
        presence.disconnected(BOB, "tab-1");
        assertThat(presence.isOnline(2)).isTrue();
        presence.disconnected(BOB, "tab-1"); // a second close of the same socket changes nothing
        presence.disconnected(BOB, "tab-2");

        assertThat(broker.states()).containsExactly(true, false);
        assertThat(presence.isOnline(2)).isFalse();
        assertThat(broker.topics.get(0)).containsExactlyInAnyOrder(Topic.user(1), Topic.user(3));
    }

    @Test
    void aUserWithoutAnAudienceIsNotAnnounced() {
        presence.connected(new ChatUser(9, "loner", "Loner", false), "tab");

        assertThat(broker.states()).hasSize(1); // the room audience (user 3) still hears about it
        assertThat(broker.topics.get(0)).containsExactly(Topic.user(3));
        var nobody = new PresenceService(new InMemoryPresenceStore(), List.of(u -> List.of()), broker);
        nobody.connected(BOB, "tab");
        assertThat(broker.states()).hasSize(1);
    }

    @Test
    void onlineAmongOnlyListsConnectedUsers() {
        presence.connected(BOB, "tab");
        presence.connected(new ChatUser(5, "eve", "Eve", false), "tab");

        assertThat(presence.onlineAmong(List.of(1L, 2L, 5L, 7L))).containsExactlyInAnyOrder(2L, 5L);
        assertThat(presence.onlineAmong(List.of())).isEmpty();
    }

    @Test
    void racingOpensAndClosesAreAnnouncedInTheOrderTheyHappened() throws Exception {
        racingOpensAndCloses(Announcer.inline());
    }

    @Test
    void onTheAnnouncerThreadRacingOpensAndClosesAreStillAnnouncedInOrder() throws Exception {
        var announcer = Announcer.ownThread("test-presence");
        try {
            racingOpensAndCloses(announcer);
        } finally {
            announcer.shutdown();
        }
    }

    @Test
    void openingASocketDoesNotWaitForTheAudienceQuery() throws Exception {
        var audienceAsked = new CountDownLatch(1);
        var databaseAnswers = new CountDownLatch(1);
        var announcer = Announcer.ownThread("test-presence");
        var presence = new PresenceService(
                store,
                List.of(user -> {
                    audienceAsked.countDown();
                    await(databaseAnswers);
                    return List.of(1L);
                }),
                broker,
                List.of(),
                announcer);
        try {
            presence.connected(BOB, "tab"); // returns although the audience query is stuck

            assertThat(presence.isOnline(2)).isTrue();
            assertThat(audienceAsked.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(broker.states()).isEmpty();
            databaseAnswers.countDown();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> broker.states().equals(List.of(true)));
        } finally {
            databaseAnswers.countDown();
            announcer.shutdown();
        }
    }

    @Test
    void changesWaitingTogetherAreAnnouncedWithOneAudienceQueryPerBatch() throws Exception {
        var firstAsked = new CountDownLatch(1);
        var databaseAnswers = new CountDownLatch(1);
        var queries = new AtomicInteger();
        PresenceAudience partners = new PresenceAudience() {
            @Override
            public Collection<Long> audienceOf(long userId) {
                throw new AssertionError("asked for user " + userId + " alone");
            }

            @Override
            public Map<Long, List<Long>> audiencesOf(Collection<Long> userIds) {
                queries.incrementAndGet();
                firstAsked.countDown();
                await(databaseAnswers);
                Map<Long, List<Long>> audiences = new HashMap<>();
                userIds.forEach(id -> audiences.put(id, List.of(id + 100_000)));
                return audiences;
            }
        };
        var announcer = Announcer.ownThread("test-presence-batches");
        var presence = new PresenceService(store, List.of(partners), broker, List.of(), announcer);
        int users = 1 + 2 * PresenceService.BATCH + 1;
        try {
            presence.connected(new ChatUser(1, "user1", "User 1", false), "tab");
            assertThat(firstAsked.await(5, TimeUnit.SECONDS)).isTrue();
            // The announcer is stuck in the first query (a slow database): everyone else queues meanwhile.
            for (long id = 2; id <= users; id++) {
                presence.connected(new ChatUser(id, "user" + id, "User " + id, false), "tab");
            }
            assertThat(presence.pending()).isEqualTo(users - 1);
            databaseAnswers.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> broker.events.size() == users);
        } finally {
            databaseAnswers.countDown();
            announcer.shutdown();
        }
        // One query for the first user, then one per full batch and one for the rest.
        assertThat(queries.get()).isEqualTo(4);
        assertThat(presence.pending()).isZero();
        for (int i = 0; i < users; i++) {
            long id = i + 1;
            assertThat(broker.events.get(i).userId()).as("announcement %d", i).isEqualTo(id);
            assertThat(broker.topics.get(i)).containsExactly(Topic.user(id + 100_000));
        }
    }

    private void racingOpensAndCloses(Announcer announcer) throws Exception {
        // A slow audience query (a database round trip in real life) widens the gap between the store's
        // change and its announcement, where an unordered implementation lets announcements cross.
        var presence = new PresenceService(
                store,
                List.of(user -> {
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                    return List.of(1L);
                }),
                broker,
                List.of(),
                announcer);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 500; round++) {
                presence.connected(BOB, "old-" + round);
                var barrier = new CyclicBarrier(2);
                int r = round;
                Future<?> close = pool.submit(() -> {
                    barrier.await();
                    presence.disconnected(BOB, "old-" + r);
                    return null;
                });
                Future<?> open = pool.submit(() -> {
                    barrier.await();
                    presence.connected(BOB, "new-" + r);
                    return null;
                });
                close.get();
                open.get();
                presence.disconnected(BOB, "new-" + r);
            }
        } finally {
            pool.shutdownNow();
        }
        var allTold = new CountDownLatch(1);
        announcer.submit(allTold::countDown);
        assertThat(allTold.await(30, TimeUnit.SECONDS)).isTrue();

        // Announcements alternate, start online and end offline, exactly like the store's state.
        List<Boolean> states = broker.states();
        for (int i = 0; i < states.size(); i++) {
            assertThat(states.get(i)).as("announcement %d", i).isEqualTo(i % 2 == 0);
        }
        assertThat(states.get(states.size() - 1)).isFalse();
        assertThat(presence.isOnline(2)).isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Recording implements ChatBroker {
        final List<PresenceChanged> events = Collections.synchronizedList(new ArrayList<>());
        final List<List<Topic>> topics = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(ChatEvent event, Collection<Topic> to) {
            events.add((PresenceChanged) event);
            topics.add(List.copyOf(to));
        }

        List<Boolean> states() {
            return events.stream().map(PresenceChanged::online).toList();
        }

        @Override
        public void subscribe(Topic topic) {}

        @Override
        public void unsubscribe(Topic topic) {}

        @Override
        public void deliverTo(LocalDelivery delivery) {}
    }
}
