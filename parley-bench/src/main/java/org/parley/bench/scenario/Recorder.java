package org.parley.bench.scenario;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.parley.bench.wire.BenchClient;

/**
 * Counts deliveries, duplicates and latency for one scenario run. Latency is from the send timestamp in
 * the message to its arrival at each receiving socket (the sender's own copy excluded), for messages
 * sent inside the measured window. Loop thread only.
 */
final class Recorder {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final Histogram latencyMicros = new Histogram(60_000_000L, 3);
    private long windowStart = Long.MAX_VALUE;
    // The wall clock at windowStart, so that a slow message can be found in the server's log and profiles.
    private long windowStartEpochMillis;
    private long windowEnd = Long.MAX_VALUE;
    long deliveries;
    long windowDeliveries;
    long duplicates;
    long errors;
    // At a fixed rate: each message's latest arrival, so a report can tell one slow message (a commit, a pause)
    // from every fan-out being slow. Keyed by channel and sequence number; value {sentNanos, worst latency}.
    private Map<Long, long[]> perMessage;

    /** Also keep each message's latest arrival (cheap only at a fixed rate: one map entry per message). */
    void trackMessages() {
        perMessage = new HashMap<>();
    }

    void beginWindow(long now) {
        windowStart = now;
        windowStartEpochMillis = System.currentTimeMillis() - (System.nanoTime() - now) / 1_000_000;
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
        return delivered(client, 0, seq, sentNanos, ownMessage);
    }

    /** Records one arrival of message {@code seq} of {@code channel}; returns false if it was a duplicate. */
    boolean delivered(BenchClient client, int channel, int seq, long sentNanos, boolean ownMessage) {
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
            long micros = Math.max(0, Math.min((now - sentNanos) / 1000, 59_999_999L));
            latencyMicros.recordValue(micros);
            if (perMessage != null) {
                long[] worst = perMessage.computeIfAbsent(((long) channel << 32) | seq, k -> new long[] {sentNanos, 0});
                worst[1] = Math.max(worst[1], micros);
            }
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
        if (perMessage != null && !perMessage.isEmpty()) {
            result.note = (result.note + " " + lastArrivals()).trim();
        }
    }

    /**
     * Each message's last arrival: the median over messages, how many messages had one past the p99 of all
     * arrivals, and the worst three with their send time into the window.
     */
    private String lastArrivals() {
        List<long[]> messages = new ArrayList<>(perMessage.values());
        messages.sort((a, b) -> Long.compare(a[1], b[1]));
        long p99 = latencyMicros.getValueAtPercentile(99);
        long over = messages.stream().filter(m -> m[1] > p99).count();
        var worst = new StringBuilder();
        for (int i = messages.size() - 1; i >= Math.max(0, messages.size() - 3); i--) {
            long[] m = messages.get(i);
            long sentMillis = windowStartEpochMillis + (m[0] - windowStart) / 1_000_000;
            worst.append(String.format(
                    " %.1f@%.1fs (%s)",
                    m[1] / 1000.0, (m[0] - windowStart) / 1e9, CLOCK.format(Instant.ofEpochMilli(sentMillis))));
        }
        return String.format(
                "last arrival per message: median %.1f ms, %d of %d messages past p99, worst (ms@sent):%s",
                messages.get(messages.size() / 2)[1] / 1000.0, over, messages.size(), worst);
    }
}
