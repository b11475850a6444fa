package org.parley.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import org.parley.bench.wire.BenchClient;

/**
 * Dialog pairs: in each pair one user sends to the other, at a fixed total rate (spread round-robin over
 * the senders) or as fast as possible with {@code inFlight} messages outstanding per sender (the next is
 * sent when the sender's own copy comes back, which Parley sends only after the message is committed).
 */
public final class DialogScenario extends Scenario {

    private final int pairCount;
    private final double rate;
    private final int inFlight;
    private List<BenchClient> senders = List.of();
    private List<BenchClient> all = List.of();
    private boolean sending;
    /** Sending as fast as the in-flight bound allows: always at max, and during a fixed rate's warm-up. */
    private boolean flatOut;

    private long paced;
    private long pacingStart;

    /**
     * @param rate total messages per second, or 0 for "as fast as possible" with {@code inFlight} per sender
     */
    public DialogScenario(String name, Settings settings, int pairs, double rate, int inFlight) {
        super(name, settings);
        this.pairCount = pairs;
        this.rate = rate;
        this.inFlight = inFlight;
    }

    @Override
    public int users() {
        return 2 * pairCount;
    }

    @Override
    protected List<BenchClient> clients() {
        return all;
    }

    @Override
    protected void measure(Result result) throws Exception {
        var users = target.users(2 * pairCount);
        var both = pairs(users, pairCount);
        senders = both.get(0);
        all = new ArrayList<>(senders);
        all.addAll(both.get(1));
        openAll(all, () -> joined == all.size(), 60);
        settle(); // presence announcements of the sockets just opened
        if (rate > 0) {
            warmUpFlatOut(this::startFlatOut, () -> flatOut = false);
            loop.call(() -> {
                sending = true;
                pacingStart = System.nanoTime();
                paced = 0;
                pace();
                return null;
            });
            window(result, settings.warmupSeconds(), settings.seconds());
        } else {
            loop.call(() -> {
                startFlatOut();
                return null;
            });
            window(result, settings.warmupSeconds(), settings.seconds());
        }
        loop.call(() -> sending = false);
        result.lost = drain(all, 15);
        result.messagesPerSecond = result.deliveriesPerSecond / 2;
    }

    private void startFlatOut() {
        sending = true;
        flatOut = true;
        for (BenchClient sender : senders) {
            for (int i = 0; i < inFlight; i++) {
                sendNext(sender);
            }
        }
    }

    /** Sends every message due by now at the fixed rate, then comes back in a millisecond. */
    private void pace() {
        if (!sending) {
            return;
        }
        long due = (long) ((System.nanoTime() - pacingStart) * rate / 1e9);
        while (paced < due) {
            sendNext(senders.get((int) (paced++ % senders.size())));
        }
        loop.at(System.nanoTime() + 1_000_000, this::pace);
    }

    @Override
    public void marker(BenchClient client, int channel, int seq, long sentNanos) {
        boolean own = client == senders.get(channel);
        if (recorder.delivered(client, seq, sentNanos, own) && own && flatOut && sending) {
            sendNext(client);
        }
    }
}
