package org.parley.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import org.parley.bench.wire.BenchClient;

/**
 * A reconnect storm: {@code count} clients in dialog pairs exchange a message, drop their sockets (the
 * receivers first, so each misses one more message while away), then all reconnect at once. Measures the
 * time until every socket is back and, where the server keeps history, has fetched what it missed
 * (history after the last message id it saw). Servers without history only report the reconnect time.
 */
public final class StormScenario extends Scenario {

    private final int count;
    private List<BenchClient> senders = List.of();
    private List<BenchClient> receivers = List.of();
    private List<BenchClient> all = List.of();
    private int recovered;

    public StormScenario(String name, Settings settings, int count) {
        super(name, settings);
        this.count = count;
    }

    @Override
    public int users() {
        return count;
    }

    @Override
    protected List<BenchClient> clients() {
        return all;
    }

    @Override
    protected void measure(Result result) throws Exception {
        var users = target.users(count);
        var both = pairs(users, count / 2);
        senders = both.get(0);
        receivers = both.get(1);
        all = new ArrayList<>(senders);
        all.addAll(receivers);
        openAll(all, () -> joined == all.size(), 180);
        // Message 0 reaches both sides: it is the last one the receivers see before they drop.
        loop.call(() -> {
            senders.forEach(this::sendNext);
            return null;
        });
        drain(all, 60);
        boolean history = target.wire().hasHistory();
        loop.call(() -> {
            closing = true;
            receivers.forEach(BenchClient::close);
            senders.forEach(this::sendNext); // message 1: stored while its receiver is away
            return null;
        });
        await(() -> senders.stream().allMatch(s -> s.seen.get(1)), 60);
        loop.call(() -> {
            senders.forEach(BenchClient::close);
            joined = 0;
            recovered = 0;
            all.forEach(c -> c.recoverOnOpen = history);
            closing = false;
            return null;
        });
        settle(); // the server noticing every close, and the presence changes they cause
        double cpu0 = org.parley.bench.target.ProcStats.cpuSeconds(target.pid());
        boost();
        try {
            result.openSeconds = openAll(all, () -> history ? recovered == all.size() : joined == all.size(), 180);
        } finally {
            restore();
        }
        result.serverCpu = (org.parley.bench.target.ProcStats.cpuSeconds(target.pid()) - cpu0) / result.openSeconds;
        result.rssMb = org.parley.bench.target.ProcStats.rssKb(target.pid()) / 1024.0;
        if (history) {
            result.lost = loop.call(
                    () -> receivers.stream().filter(r -> !r.seen.get(1)).count());
        } else {
            result.note = "no history to recover from";
        }
    }

    @Override
    public void recovered(BenchClient client) {
        recovered++;
        opened();
    }

    @Override
    public void marker(BenchClient client, int channel, int seq, long sentNanos) {
        recorder.delivered(client, seq, sentNanos, client == senders.get(channel));
    }
}
