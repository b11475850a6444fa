package org.parley.bench.scenario;

import java.util.List;
import org.parley.bench.wire.BenchClient;

/**
 * A scenario whose senders send marked messages either at a fixed total rate (round-robin over the
 * senders) or flat out with {@code inFlight} messages outstanding per sender, the next one sent when the
 * sender's own copy comes back. Loop thread for the sending, main thread for {@link #traffic}.
 */
abstract class TrafficScenario extends Scenario {

    /** Messages per second over all senders, or 0 for flat out. */
    private final double messagesPerSecond;

    private final int inFlight;
    protected List<BenchClient> senders = List.of();
    private boolean sending;
    /** Sending as fast as the in-flight bound allows: always at max, and during a fixed rate's warm-up. */
    private boolean flatOut;

    private long paced;
    private long pacingStart;

    protected TrafficScenario(String name, Settings settings, double messagesPerSecond, int inFlight) {
        super(name, settings);
        this.messagesPerSecond = messagesPerSecond;
        this.inFlight = inFlight;
    }

    protected boolean fixedRate() {
        return messagesPerSecond > 0;
    }

    /**
     * Runs the traffic and measures its window. A fixed rate is warmed up flat out first (the in-flight bound
     * of its max twin), the server left to go quiet, then run at its rate for the warm-up again before the
     * window. At a low rate the code that runs once per message reaches the JIT's compile thresholds only
     * after many minutes, and each compilation, on the server's one CPU, delayed the fan-out of the message
     * that triggered it: the window held the JIT's warm-up, not the server's steady state
     * (docs/performance.md, "Ninth round"). The run at the rate is warmed up too because code compiled for
     * full speed meets branches there it never saw and is compiled again. Every server gets the same minimum,
     * and each warm-up goes on while the server's JIT is still compiling ({@link #warmUp}).
     */
    protected void traffic(Result result) throws InterruptedException {
        loop.call(this::startFlatOut);
        if (fixedRate()) {
            warmUp(settings.warmupSeconds());
            loop.call(() -> flatOut = false);
            settle();
            loop.call(this::startPacing);
        }
        window(result);
        loop.call(() -> sending = false);
    }

    /** Call from {@link #marker} when a sender's own copy came back. */
    protected void ownCopyArrived(BenchClient sender) {
        if (flatOut && sending) {
            sendNext(sender);
        }
    }

    private Void startFlatOut() {
        sending = true;
        flatOut = true;
        for (BenchClient sender : senders) {
            for (int i = 0; i < inFlight; i++) {
                sendNext(sender);
            }
        }
        return null;
    }

    private Void startPacing() {
        pacingStart = System.nanoTime();
        paced = 0;
        pace();
        return null;
    }

    /** Sends every message due by now at the fixed rate, then comes back in a millisecond. */
    private void pace() {
        if (!sending) {
            return;
        }
        long due = (long) ((System.nanoTime() - pacingStart) * messagesPerSecond / 1e9);
        while (paced < due) {
            sendNext(senders.get((int) (paced++ % senders.size())));
        }
        loop.at(System.nanoTime() + 1_000_000, this::pace);
    }
}
