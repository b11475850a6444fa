package org.parley.server.support;

import java.time.Duration;
import java.util.function.IntConsumer;
import org.awaitility.Awaitility;

/** A user who keeps chatting: for tests of what happens over time while a socket is in use. */
public final class KeepChatting {

    private KeepChatting() {}

    /**
     * Runs {@code exchange} (numbered from 1) every 300 ms, each waiting for its answer, until {@code period}
     * has passed since {@code sinceNanos} ({@link System#nanoTime()}); returns how many ran.
     */
    public static int until(long sinceNanos, Duration period, IntConsumer exchange) {
        int[] done = {0};
        Awaitility.await()
                .atMost(period.multipliedBy(3))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    exchange.accept(++done[0]);
                    return System.nanoTime() - sinceNanos > period.toNanos();
                });
        return done[0];
    }
}
