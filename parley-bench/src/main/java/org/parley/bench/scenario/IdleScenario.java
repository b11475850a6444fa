package org.parley.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import org.parley.bench.target.ProcStats;
import org.parley.bench.wire.BenchClient;

/**
 * Idle connections: {@code count} users each open one socket and stay silent (answering pings). Reports
 * the time to open them all, the server's resident memory and its growth per connection, and how many
 * sockets the server dropped while they idled.
 */
public final class IdleScenario extends Scenario {

    private final int count;
    private final double holdSeconds;
    private List<BenchClient> all = List.of();

    public IdleScenario(String name, Settings settings, int count, double holdSeconds) {
        super(name, settings);
        this.count = count;
        this.holdSeconds = holdSeconds;
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
        List<BenchClient> clients = new ArrayList<>(count);
        for (var user : users) {
            clients.add(new BenchClient(user, group, -1, null, null, target.wire(), this));
        }
        all = clients;
        long pid = target.pid();
        // The logins' own work, the JIT compiling the login path included, ends before the clock starts: it
        // took up to 2 s of the first opens' window on a fresh server (docs/performance.md, "Ninth round").
        settle();
        target.collectGarbage();
        Thread.sleep(1000);
        long before = ProcStats.rssKb(pid);
        double cpu0 = ProcStats.cpuSeconds(pid);
        boost();
        try {
            result.openSeconds = openAll(clients, () -> joined + failedOpens == count, 120);
        } finally {
            restore();
        }
        result.serverCpu = (ProcStats.cpuSeconds(pid) - cpu0) / result.openSeconds;
        Thread.sleep((long) (holdSeconds * 1000));
        long after = ProcStats.rssKb(pid);
        result.rssMb = after / 1024.0;
        result.kbPerConnection = (after - before) / (double) count;
        target.collectGarbage();
        Thread.sleep(500);
        long afterGc = ProcStats.rssKb(pid);
        if (afterGc != after) {
            result.note = String.format("after a forced GC %.1f KB/conn", (afterGc - before) / (double) count);
        }
        result.lost = loop.call(() -> clients.stream().filter(c -> !c.isOpen()).count());
        if (failedOpens > 0) {
            result.note = (result.note + " " + failedOpens + " sockets refused while opening").trim();
        }
    }

    @Override
    public void marker(BenchClient client, int channel, int seq, long sentNanos) {
        // idle sockets get no chat messages
    }
}
