package org.parley.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import org.parley.bench.target.ProcStats;
import org.parley.bench.wire.BenchClient;
import org.parley.bench.wire.BenchUser;

/**
 * Idle connections: {@code count} users each open one socket and stay silent (answering pings). Reports
 * the time to open them all, the server's resident memory and its growth per connection, and how many
 * sockets the server dropped while they idled.
 *
 * <p>Memory and drops are measured on the first {@code count} users' sockets, opened on the server as it
 * is. The opening time is measured as the traffic is, on a warmed server: those sockets are closed and
 * opened again, round after round, until the server's JIT compilers took at most 5 % of a round (or
 * {@code --warmup-max}), then {@code count} other users open theirs. They still open for the first time
 * (their accounts, chat ids and rooms are not cached yet); only the code is warm. The first opens' time
 * and the rounds' go in the note.
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
        return 2 * count;
    }

    @Override
    protected List<BenchClient> clients() {
        return all;
    }

    @Override
    protected void measure(Result result) throws Exception {
        var users = target.users(2 * count);
        // The measured users come last: none of them opened a socket in an earlier idle scenario.
        List<BenchClient> held = clientsOf(users.subList(0, count));
        List<BenchClient> measured = clientsOf(users.subList(count, 2 * count));
        long pid = target.pid();
        // The logins' own work, the JIT compiling the login path included, ends before the clock starts: it
        // took up to 2 s of the first opens' window on a fresh server (docs/performance.md, "Ninth round").
        settle();
        all = held;
        target.collectGarbage();
        Thread.sleep(1000);
        long before = ProcStats.rssKb(pid);
        double coldSeconds = openAll(held, () -> joined + failedOpens == count, 120);
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
        result.lost = loop.call(() -> held.stream().filter(c -> !c.isOpen()).count());
        int refused = failedOpens;
        List<Double> rounds = warmUpOpens(held);

        all = measured;
        double cpu0 = ProcStats.cpuSeconds(pid);
        boost();
        try {
            result.openSeconds = openAll(measured, () -> joined + failedOpens == count, 120);
        } finally {
            restore();
        }
        result.serverCpu = (ProcStats.cpuSeconds(pid) - cpu0) / result.openSeconds;
        refused += failedOpens;
        if (refused > 0) {
            result.note = (result.note + " " + refused + " sockets refused while opening").trim();
        }
        result.note = String.format(
                        "%s first opens %.2f s, then %d warm-up rounds (the last %.2f s)",
                        result.note, coldSeconds, rounds.size(), rounds.get(rounds.size() - 1))
                .trim();
    }

    private List<BenchClient> clientsOf(List<BenchUser> users) {
        List<BenchClient> clients = new ArrayList<>(users.size());
        for (var user : users) {
            clients.add(new BenchClient(user, group, -1, null, null, target.wire(), this));
        }
        return clients;
    }

    /**
     * Closes the open {@code warm} sockets and opens and closes them again until the JIT compilers took at
     * most {@link #JIT_QUIET} of a round (at least once, at most {@code --warmup-max} s); returns each round's seconds.
     */
    private List<Double> warmUpOpens(List<BenchClient> warm) throws InterruptedException {
        long pid = target.pid();
        long start = System.nanoTime();
        List<Double> rounds = new ArrayList<>();
        double jit0 = 0;
        long t0 = 0;
        while (true) {
            closeAndSettle(warm);
            if (!rounds.isEmpty()) {
                double jitShare = (ProcStats.compilerCpuSeconds(pid) - jit0) / ((System.nanoTime() - t0) / 1e9);
                if (!(jitShare > JIT_QUIET) || (System.nanoTime() - start) / 1e9 >= settings.warmupMaxSeconds()) {
                    return rounds;
                }
            }
            jit0 = ProcStats.compilerCpuSeconds(pid);
            t0 = System.nanoTime();
            rounds.add(openAll(warm, () -> joined + failedOpens == warm.size(), 120));
        }
    }

    private void closeAndSettle(List<BenchClient> clients) throws InterruptedException {
        loop.call(() -> {
            closing = true;
            clients.forEach(BenchClient::close);
            return null;
        });
        settle();
        loop.call(() -> {
            closing = false;
            joined = 0;
            failedOpens = 0;
            return null;
        });
    }

    @Override
    public void marker(BenchClient client, int channel, int seq, long sentNanos) {
        // idle sockets get no chat messages
    }
}
