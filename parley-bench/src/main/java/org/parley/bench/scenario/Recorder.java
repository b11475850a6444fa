package org.parley.bench.scenario;

import org.HdrHistogram.Histogram;
import org.parley.bench.wire.BenchClient;

/**
 * Counts deliveries, duplicates and latency for one scenario run. Latency is from the send timestamp in
 * the message to its arrival at each receiving socket (the sender's own copy excluded), for messages
 * sent inside the measured window. Loop thread only.
 */
final class Recorder {

    private final Histogram latencyMicros = new Histogram(60_000_000L, 3);
    private long windowStart = Long.MAX_VALUE;
    private long windowEnd = Long.MAX_VALUE;
    long deliveries;
    long windowDeliveries;
    long duplicates;
    long errors;

    void beginWindow(long now) {
        windowStart = now;
        windowEnd = Long.MAX_VALUE;
    }

    void endWindow(long now) {
        windowEnd = now;
    }

    boolean inWindow(long now) {
        return now - windowStart >= 0 && now - windowEnd < 0;
    }

    /** Records one arrival; returns false if it was a duplicate. */
    boolean delivered(BenchClient client, int seq, long sentNanos, boolean ownMessage) {
        long now = System.nanoTime();
        if (client.seen.get(seq)) {
            duplicates++;
            return false;
        }
        client.seen.set(seq);
        deliveries++;
        if (inWindow(now)) {
            windowDeliveries++;
        }
        if (!ownMessage && sentNanos - windowStart >= 0 && sentNanos - windowEnd < 0) {
            latencyMicros.recordValue(Math.max(0, Math.min((now - sentNanos) / 1000, 59_999_999L)));
        }
        return true;
    }

    void fill(Result result, double windowSeconds) {
        result.deliveriesPerSecond = windowDeliveries / windowSeconds;
        if (latencyMicros.getTotalCount() > 0) {
            result.p50Millis = latencyMicros.getValueAtPercentile(50) / 1000.0;
            result.p95Millis = latencyMicros.getValueAtPercentile(95) / 1000.0;
            result.p99Millis = latencyMicros.getValueAtPercentile(99) / 1000.0;
        }
        result.duplicated = duplicates;
    }
}
