package org.parley.chat.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    @Test
    void aFullBucketAllowsTheBurstThenRefuses() {
        var buckets = new TokenBuckets(0.001, 5);

        for (int i = 0; i < 5; i++) {
            assertThat(buckets.tryAcquire(1)).as("token %d", i).isTrue();
        }
        assertThat(buckets.tryAcquire(1)).isFalse();
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        var buckets = new TokenBuckets(0.001, 1);

        assertThat(buckets.tryAcquire(1)).isTrue();
        assertThat(buckets.tryAcquire(1)).isFalse();
        assertThat(buckets.tryAcquire(2)).isTrue();
    }

    @Test
    void tokensComeBackAtTheRateButNeverBeyondTheBurst() {
        var buckets = new TokenBuckets(50, 2);
        assertThat(buckets.tryAcquire(1)).isTrue();
        assertThat(buckets.tryAcquire(1)).isTrue();
        assertThat(buckets.tryAcquire(1)).isFalse();

        // 50 per second: one token within 20 ms (give a loaded machine time).
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> buckets.tryAcquire(1));

        // After a long pause, still only the burst.
        var idle = new TokenBuckets(1_000_000, 3);
        Awaitility.await().pollDelay(Duration.ofMillis(10)).until(() -> true);
        int granted = 0;
        while (idle.tryAcquire(7) && granted < 100) {
            granted++;
        }
        assertThat(granted).isBetween(3, 99);
    }

    @Test
    void concurrentTakersNeverGetMoreThanTheBurst() throws Exception {
        var buckets = new TokenBuckets(0.001, 1_000);
        var granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 500; i++) {
                    if (buckets.tryAcquire(42)) {
                        granted.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(granted).hasValue(1_000);
    }

    @Test
    void forgottenKeysStartFull() {
        var buckets = new TokenBuckets(0.001, 1);
        assertThat(buckets.tryAcquire(1)).isTrue();
        assertThat(buckets.tryAcquire(1)).isFalse();

        buckets.forget(1);

        assertThat(buckets.tryAcquire(1)).isTrue();
    }
}
