package org.parley.chat.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.chat.presence.PresenceStore;
import org.parley.chat.presence.PresenceStoreContract;
import org.parley.chat.support.RedisServerProcess;

class RedisPresenceStoreTest extends PresenceStoreContract {

    private static final Duration SHORT_TTL = Duration.ofMillis(600);

    private final RedisTestSupport redis = new RedisTestSupport();
    private final List<RedisPresenceStore> nodes = new ArrayList<>();

    @Override
    protected PresenceStore node(int index) {
        while (nodes.size() <= index) {
            nodes.add(newNode(Duration.ofSeconds(30)));
        }
        return nodes.get(index);
    }

    private RedisPresenceStore newNode(Duration ttl) {
        var store = new RedisPresenceStore(redis.newNode(ttl));
        store.renew();
        return store;
    }

    @AfterEach
    void close() {
        nodes.forEach(RedisPresenceStore::close);
        redis.close();
    }

    @Test
    void aDeadNodesUsersLapseAndExactlyOneReaperReportsEach() {
        RedisPresenceStore dying = newNode(SHORT_TTL);
        RedisPresenceStore a = newNode(SHORT_TTL);
        RedisPresenceStore b = newNode(SHORT_TTL);
        nodes.addAll(List.of(dying, a, b));
        dying.connect(10, id());
        dying.connect(10, id());
        dying.connect(11, id());
        a.connect(11, id()); // 11 is also on a live node: it must not lapse
        dying.connect(12, id());

        // dying stops renewing; the live ones keep renewing and reaping, as their keepers would.
        List<Long> reported = new ArrayList<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    a.renew();
                    b.renew();
                    reported.addAll(a.reap());
                    reported.addAll(b.reap());
                    return !a.isOnline(10) && !a.isOnline(12);
                });
        reported.addAll(a.reap());
        reported.addAll(b.reap());

        assertThat(reported).containsExactlyInAnyOrder(10L, 12L);
        assertThat(b.isOnline(11)).isTrue();
        assertThat(b.onlineAmong(List.of(10L, 11L, 12L))).containsExactly(11L);
    }

    @Test
    void aNodeThatWasReapedWhileAliveRegistersItsConnectionsAgain() {
        RedisPresenceStore stalled = newNode(SHORT_TTL);
        RedisPresenceStore other = newNode(SHORT_TTL);
        nodes.addAll(List.of(stalled, other));
        stalled.connect(20, id());

        List<Long> reaped = new ArrayList<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    other.renew();
                    reaped.addAll(other.reap());
                    return reaped.contains(20L);
                });
        assertThat(other.isOnline(20)).isFalse();

        var changes = stalled.renew();

        assertThat(changes.online()).containsExactly(20L);
        assertThat(other.isOnline(20)).isTrue();
    }

    @Test
    void aCleanLeaveTakesTheNodesUsersOfflineAndLeavesNoKeys() {
        RedisPresenceStore leaving = newNode(SHORT_TTL);
        RedisPresenceStore staying = newNode(SHORT_TTL);
        nodes.addAll(List.of(leaving, staying));
        leaving.connect(30, id());
        leaving.connect(31, id());
        staying.connect(31, id());

        var changes = leaving.leave();

        assertThat(changes.offline()).containsExactly(30L);
        assertThat(staying.isOnline(30)).isFalse();
        assertThat(staying.isOnline(31)).isTrue();
        staying.leave();
        assertThat(redis.keys()).isEmpty();
    }

    @Test
    void whileRedisIsAwayTheStoreAnswersFromThisNodeAndCatchesUpAfterwards() {
        try (var server = new RedisServerProcess().start();
                var own = new RedisTestSupport(server.port())) {
            var store = new RedisPresenceStore(own.newNode(Duration.ofSeconds(30)));
            try {
                store.renew();
                String kept = id();
                String closedMeanwhile = id();
                store.connect(40, kept);
                store.connect(41, closedMeanwhile);
                server.stop();

                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
                    String tab = id();
                    boolean first = store.connect(42, tab); // refused by Redis: not reported now
                    return !first && store.isOnline(42);
                });
                assertThat(store.disconnect(41, closedMeanwhile)).isFalse();
                assertThat(store.onlineAmong(List.of(40L, 41L, 42L))).containsExactlyInAnyOrder(40L, 42L);

                server.start(); // empty: Redis lost everything
                var changes = Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .ignoreExceptions()
                        .until(store::renew, c -> true);

                assertThat(changes.online()).containsExactlyInAnyOrder(40L, 42L);
                assertThat(store.onlineAmong(List.of(40L, 41L, 42L))).containsExactlyInAnyOrder(40L, 42L);
            } finally {
                store.close();
            }
        }
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
