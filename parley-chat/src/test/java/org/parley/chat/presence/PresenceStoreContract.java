package org.parley.chat.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PresenceStore} must do, run against each implementation. {@link #node} gives the stores
 * of one cluster's nodes; a single-node store returns the same one for every index.
 */
public abstract class PresenceStoreContract {

    protected abstract PresenceStore node(int index);

    private static String connection() {
        return UUID.randomUUID().toString();
    }

    @Test
    void theFirstConnectionAndTheLastDisconnectChangeTheUsersState() {
        PresenceStore store = node(0);
        String tab1 = connection();
        String tab2 = connection();

        assertThat(store.isOnline(1)).isFalse();
        assertThat(store.connect(1, tab1)).isTrue();
        assertThat(store.connect(1, tab2)).isFalse();
        assertThat(store.isOnline(1)).isTrue();
        assertThat(store.disconnect(1, tab1)).isFalse();
        assertThat(store.isOnline(1)).isTrue();
        assertThat(store.disconnect(1, tab2)).isTrue();
        assertThat(store.isOnline(1)).isFalse();
    }

    @Test
    void anUnknownOrRepeatedDisconnectChangesNothing() {
        PresenceStore store = node(0);
        String tab = connection();
        assertThat(store.disconnect(2, connection())).isFalse();
        store.connect(2, tab);
        assertThat(store.disconnect(2, connection())).isFalse();
        assertThat(store.disconnect(2, tab)).isTrue();
        assertThat(store.disconnect(2, tab)).isFalse();
    }

    @Test
    void aUserConnectedOnTwoNodesIsOnlineUntilBothClosed() {
        String onA = connection();
        String onB = connection();
        assertThat(node(0).connect(3, onA)).isTrue();
        assertThat(node(1).connect(3, onB)).isFalse();
        assertThat(node(1).isOnline(3)).isTrue();
        assertThat(node(0).disconnect(3, onA)).isFalse();
        assertThat(node(0).isOnline(3)).isTrue();
        assertThat(node(1).disconnect(3, onB)).isTrue();
        assertThat(node(0).isOnline(3)).isFalse();
    }

    @Test
    void onlineAmongReturnsTheOnlineSubset() {
        node(0).connect(4, connection());
        node(1).connect(6, connection());
        assertThat(node(0).onlineAmong(List.of(4L, 5L, 6L))).containsExactlyInAnyOrder(4L, 6L);
        assertThat(node(1).onlineAmong(List.of(5L))).isEmpty();
    }

    @Test
    void ofManyConcurrentFirstConnectionsAndLastDisconnectsExactlyOneReportsTheChange() throws Exception {
        List<String> tabs = IntStream.range(0, 16).mapToObj(i -> connection()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            assertThat(race(pool, i -> node(i % 2).connect(7, tabs.get(i)))).isEqualTo(1);
            assertThat(node(0).isOnline(7)).isTrue();
            assertThat(race(pool, i -> node(i % 2).disconnect(7, tabs.get(i)))).isEqualTo(1);
            assertThat(node(1).isOnline(7)).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Call {
        boolean run(int i);
    }

    private static long race(ExecutorService pool, Call call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> results = IntStream.range(0, 16)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                go.await();
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                            return call.run(i);
                        },
                        pool))
                .toList();
        go.countDown();
        long changes = 0;
        for (CompletableFuture<Boolean> result : results) {
            if (result.get(10, TimeUnit.SECONDS)) {
                changes++;
            }
        }
        return changes;
    }
}
