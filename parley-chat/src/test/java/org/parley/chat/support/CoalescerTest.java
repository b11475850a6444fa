package org.parley.chat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class CoalescerTest {

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<Set<Integer>> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    /** A bulk lookup that records its calls and answers each key with ten times it, skipping negatives. */
    private Map<Integer, Integer> timesTen(Set<Integer> keys) {
        calls.add(Set.copyOf(keys));
        Map<Integer, Integer> values = new HashMap<>();
        keys.stream().filter(k -> k >= 0).forEach(k -> values.put(k, k * 10));
        return values;
    }

    @Test
    void aLoneCallerIsAnsweredByACallOfItsOwn() {
        var coalescer = new Coalescer<Integer, Integer>(this::timesTen, 10);

        assertThat(coalescer.get(4)).isEqualTo(40);
        assertThat(coalescer.get(-1)).as("a key the bulk call left out").isNull();
        assertThat(calls).containsExactly(Set.of(4), Set.of(-1));
    }

    /**
     * Starts a call for {@code first}, which holds until {@code release}, then one caller for each of
     * {@code keys}, and returns once they all wait behind it: the futures of {@code first} and then of
     * {@code keys}, in order.
     */
    private List<Future<Integer>> queuedBehind(
            CountDownLatch release, Coalescer<Integer, Integer> coalescer, int first, int... keys) {
        List<Future<Integer>> answers = new ArrayList<>();
        answers.add(callers.submit(() -> coalescer.get(first)));
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() == 1);
        List<Thread> threads = new CopyOnWriteArrayList<>();
        for (int key : keys) {
            answers.add(callers.submit(() -> {
                threads.add(Thread.currentThread());
                return coalescer.get(key);
            }));
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> threads.size() == keys.length
                        && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        assertThat(calls)
                .as("nobody runs a call of their own while one is under way")
                .hasSize(1);
        assertThat(release.getCount()).isOne();
        return answers;
    }

    @Test
    void callersArrivingDuringACallAreAnsweredTogetherByTheNextOne() throws Exception {
        var release = new CountDownLatch(1);
        var coalescer = new Coalescer<Integer, Integer>(held(release), 10);
        var answers = queuedBehind(release, coalescer, 1, 2, 3, 4, 5, 6);
        release.countDown();

        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get(5, TimeUnit.SECONDS)).isEqualTo((i + 1) * 10);
        }
        assertThat(calls).containsExactly(Set.of(1), Set.of(2, 3, 4, 5, 6));
    }

    @Test
    void aCallTakesAtMostMaxKeysAndTheRestFollow() throws Exception {
        var release = new CountDownLatch(1);
        var coalescer = new Coalescer<Integer, Integer>(held(release), 2);
        var answers = queuedBehind(release, coalescer, 0, 1, 2, 3, 4, 5);
        release.countDown();

        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i * 10);
        }
        assertThat(calls).hasSize(4).allSatisfy(keys -> assertThat(keys).hasSizeLessThanOrEqualTo(2));
    }

    @Test
    void twoCallersOfOneKeyShareItAndAFailureReachesEveryCallerOfThatCallOnly() throws Exception {
        var release = new CountDownLatch(1);
        var fail = new AtomicBoolean(true);
        Function<Set<Integer>, Map<Integer, Integer>> failingOnce = keys -> {
            Map<Integer, Integer> values = held(release).apply(keys);
            if (keys.contains(7) && fail.getAndSet(false)) {
                throw new IllegalStateException("database gone");
            }
            return values;
        };
        var coalescer = new Coalescer<>(failingOnce, 10);
        var answers = queuedBehind(release, coalescer, 1, 7, 7);
        release.countDown();

        assertThat(answers.get(0).get(5, TimeUnit.SECONDS)).isEqualTo(10);
        for (var seven : answers.subList(1, 3)) {
            assertThatThrownBy(() -> seven.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasRootCauseMessage("database gone");
        }
        assertThat(calls).containsExactly(Set.of(1), Set.of(7));
        assertThat(coalescer.get(7)).as("the next call runs as usual").isEqualTo(70);
    }

    @Test
    void aCallerInATransactionIsAnsweredAloneInIt() throws Exception {
        var release = new CountDownLatch(1);
        var coalescer = new Coalescer<Integer, Integer>(held(release), 10);
        var first = queuedBehind(release, coalescer, 1).get(0);
        var tx = new TransactionTemplate(new DataSourceTransactionManager(H2Databases.fresh("coalescer-")));

        // Were it queued behind the held call, it would wait for the release and never finish here.
        Integer inTransaction =
                callers.submit(() -> tx.execute(status -> coalescer.get(3))).get(5, TimeUnit.SECONDS);

        assertThat(inTransaction).isEqualTo(30);
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(10);
        assertThat(calls).containsExactly(Set.of(1), Set.of(3));
    }

    /** {@link #timesTen}, but a call holding key 1 or 0 waits for {@code release} first. */
    private Function<Set<Integer>, Map<Integer, Integer>> held(CountDownLatch release) {
        return keys -> {
            Map<Integer, Integer> values = timesTen(keys);
            if (keys.contains(1) || keys.contains(0)) {
                try {
                    if (!release.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return values;
        };
    }
}
