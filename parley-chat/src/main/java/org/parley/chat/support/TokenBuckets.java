package org.parley.chat.support;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per key (a user id): {@code ratePerSecond} tokens refill continuously up to {@code burst}.
 * Thread-safe; buckets of idle keys are dropped by {@link #forget}.
 */
public class TokenBuckets {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double ratePerNano;
    private final int burst;
    private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(double ratePerSecond, int burst) {
        this.ratePerNano = ratePerSecond / NANOS_PER_SECOND;
        this.burst = burst;
    }

    /** Takes one token for {@code key}; false when the bucket is empty. */
    public boolean tryAcquire(long key) {
        return buckets.computeIfAbsent(key, k -> new Bucket(burst)).tryAcquire(System.nanoTime());
    }

    public void forget(long key) {
        buckets.remove(key);
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(int tokens) {
            this.tokens = tokens;
            this.refilledAt = System.nanoTime();
        }

        synchronized boolean tryAcquire(long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) * ratePerNano);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
