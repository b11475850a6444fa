package org.parley.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import org.parley.bench.wire.BenchClient;

/**
 * Dialog pairs: in each pair one user sends to the other, at a fixed total rate (spread round-robin over
 * the senders) or as fast as possible with {@code inFlight} messages outstanding per sender (the next is
 * sent when the sender's own copy comes back, which Parley sends only after the message is committed).
 */
public final class DialogScenario extends TrafficScenario {

    private final int pairCount;
    private List<BenchClient> all = List.of();

    /**
     * @param rate total messages per second, or 0 for "as fast as possible" with {@code inFlight} per sender
     */
    public DialogScenario(String name, Settings settings, int pairs, double rate, int inFlight) {
        super(name, settings, rate, inFlight);
        this.pairCount = pairs;
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
        traffic(result);
        result.lost = drain(all, 15);
        result.messagesPerSecond = result.deliveriesPerSecond / 2;
    }

    @Override
    public void marker(BenchClient client, int channel, int seq, long sentNanos) {
        boolean own = client == senders.get(channel);
        if (recorder.delivered(client, seq, sentNanos, own) && own) {
            ownCopyArrived(client);
        }
    }
}
