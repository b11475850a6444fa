package org.parley.bench.scenario;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.parley.bench.target.Priority;
import org.parley.bench.target.ProcStats;
import org.parley.bench.target.Target;
import org.parley.bench.wire.BenchClient;
import org.parley.bench.wire.Markers;
import org.parley.bench.ws.WsLoop;

/**
 * What every scenario shares: opening many sockets with a bounded number of handshakes in progress,
 * sending marked messages, a measured window with CPU readings of the server and of the load generator,
 * and counting what was lost. Event methods run on the loop thread; {@link #run} on the main thread.
 */
public abstract class Scenario implements BenchClient.Events {

    private static final AtomicInteger RUNS = new AtomicInteger();
    /** The warm-up's look-back: it ends once the JIT used at most {@link #JIT_QUIET} over this many seconds. */
    private static final long CHECK_SECONDS = 2;
    /** The share of a CPU under which the server's JIT compilers count as done with the traffic's code. */
    protected static final double JIT_QUIET = 0.05;

    protected final String name;
    protected final Settings settings;
    protected WsLoop loop;
    protected Target target;
    protected Recorder recorder;
    /** Distinguishes this run's channels from earlier runs' on the same server. */
    protected String group;

    protected final byte[] text = new byte[1024];
    /** Messages sent so far per channel. */
    protected int[] sent = new int[0];

    private final ArrayDeque<BenchClient> toOpen = new ArrayDeque<>();
    private int opening;
    protected int joined;
    /** Sockets that closed before they joined (refused or dropped while opening). */
    protected int failedOpens;

    protected boolean closing;
    private int unexpectedCloses;
    private int reportedErrors;
    /** How long the warm-ups went on past their minimum while the JIT was busy, for the note. */
    private final List<String> longerWarmUps = new ArrayList<>();

    protected Scenario(String name, Settings settings) {
        this.name = name;
        this.settings = settings;
    }

    public String name() {
        return name;
    }

    /** How many logged-in users the scenario needs. */
    public abstract int users();

    /** Whether {@code target} can run it (rooms need a server with rooms). */
    public boolean supports(Target target) {
        return true;
    }

    public final Result run(Target target, WsLoop loop) throws Exception {
        this.target = target;
        this.loop = loop;
        this.recorder = new Recorder();
        this.group = "r" + RUNS.incrementAndGet() + "-" + System.currentTimeMillis() % 100000;
        this.joined = 0;
        this.failedOpens = 0;
        this.closing = false;
        this.unexpectedCloses = 0;
        this.reportedErrors = 0;
        this.longerWarmUps.clear();
        Result result = new Result(name, target.name());
        try {
            measure(result);
        } finally {
            closing = true;
            loop.call(this::closeAll);
        }
        result.duplicated = recorder.duplicates;
        if (recorder.errors > 0 || unexpectedCloses > 0) {
            result.note = (result.note + " errors=" + recorder.errors + " closes=" + unexpectedCloses).trim();
        }
        return result;
    }

    protected abstract void measure(Result result) throws Exception;

    protected abstract List<BenchClient> clients();

    private Void closeAll() {
        for (BenchClient c : clients()) {
            c.close();
        }
        return null;
    }

    /** Opens {@code clients} with at most {@code settings.connectWindow()} handshakes in flight; returns seconds. */
    protected double openAll(List<BenchClient> clients, BooleanSupplier done, double timeoutSeconds)
            throws InterruptedException {
        long t0 = System.nanoTime();
        loop.execute(() -> {
            toOpen.addAll(clients);
            pump();
        });
        if (!await(done, timeoutSeconds)) {
            int[] state = loop.call(() -> new int[] {joined, toOpen.size(), opening, failedOpens});
            throw new IllegalStateException(name + " on " + target.name() + ": only " + state[0] + " of "
                    + clients.size() + " sockets ready after " + timeoutSeconds + " s (" + state[1] + " not started, "
                    + state[2] + " opening, " + state[3] + " failed)");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private void pump() {
        while (opening < settings.connectWindow() && !toOpen.isEmpty()) {
            opening++;
            toOpen.poll().open(loop, target.port());
        }
    }

    /** Polls {@code condition} (on the loop) until true or the timeout; true if it became true. */
    protected boolean await(BooleanSupplier condition, double timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        while (!loop.call(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** A socket finished opening (joined or failed): let the next one start. */
    protected void opened() {
        opening--;
        pump();
    }

    /** Sends the next marked message of {@code client}'s channel. */
    protected void sendNext(BenchClient client) {
        int seq = sent[client.channel]++;
        client.lastSent = seq;
        if (client.ownSeqs == null) {
            client.ownSeqs = new java.util.BitSet();
        }
        client.ownSeqs.set(seq);
        int length = Markers.write(text, 0, client.channel, seq, System.nanoTime(), settings.messagePadding());
        client.send(text, length);
    }

    /**
     * Waits until the server has finished what the set-up gave it (joins, presence announcements to a room's
     * members, which a server may send from a queue after the sockets opened): its CPU below 10 % of a core
     * over half a second, at most 60 s. Without it that work fell into the measured window.
     */
    protected void settle() throws InterruptedException {
        long pid = target.pid();
        long deadline = System.nanoTime() + 60_000_000_000L;
        double before = ProcStats.cpuSeconds(pid);
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            double now = ProcStats.cpuSeconds(pid);
            if (now - before < 0.05) {
                return;
            }
            before = now;
        }
    }

    /**
     * Lets the traffic run for at least {@code seconds}, then on while the server's JIT compilers used more than
     * {@link #JIT_QUIET} of a CPU over the last two seconds, up to {@code --warmup-max}.
     *
     * <p>Why not a fixed time: on the server's one CPU the compiler shares the core with the traffic it
     * compiles for, and how long it takes depends on how much code the traffic runs. A room of 100 on H2 (the
     * database's code compiled too) still had the C2 compiler at 39 % of the CPU in a window after 20 s flat
     * out, and its hot methods reached C2 only 22 s into the traffic; on PostgreSQL it was at 3 %
     * (docs/performance.md, "Tenth round"). A server without HotSpot's compiler threads (Node) has nothing
     * to wait for.
     */
    protected void warmUp(double seconds) throws InterruptedException {
        long pid = target.pid();
        long start = System.nanoTime();
        long deadline = start + (long) (settings.warmupMaxSeconds() * 1e9);
        Thread.sleep((long) (Math.max(0, seconds - CHECK_SECONDS) * 1000));
        double before = ProcStats.compilerCpuSeconds(pid);
        for (long pause = (long) (Math.min(seconds, CHECK_SECONDS) * 1000); ; pause = CHECK_SECONDS * 1000) {
            Thread.sleep(pause);
            if (System.nanoTime() >= deadline) {
                break;
            }
            double now = ProcStats.compilerCpuSeconds(pid);
            if (!(now - before > JIT_QUIET * CHECK_SECONDS)) {
                break;
            }
            before = now;
        }
        double took = (System.nanoTime() - start) / 1e9;
        if (took > seconds + 1) {
            longerWarmUps.add(String.format("%.0f s", took));
        }
    }

    /** Measures a window of {@code --seconds} after a {@link #warmUp}: deliveries, latency, CPU of both sides. */
    protected void window(Result result) throws InterruptedException {
        long pid = target.pid();
        boost();
        try {
            measureWindow(result, pid, settings.warmupSeconds(), settings.seconds());
        } finally {
            restore();
        }
    }

    /** Real-time priority for the server and this process, if asked for (see {@link Priority}). */
    protected void boost() {
        if (settings.realtime()) {
            Priority.boost(target.pid(), ProcStats.self());
            Priority.boost(target.helperPids());
        }
    }

    protected void restore() {
        if (settings.realtime()) {
            Priority.restore(target.pid(), ProcStats.self());
            Priority.restore(target.helperPids());
        }
    }

    private void measureWindow(Result result, long pid, double warmup, double seconds) throws InterruptedException {
        warmUp(warmup);
        loop.call(() -> {
            recorder.beginWindow(System.nanoTime());
            return null;
        });
        if (settings.profileDir() != null) {
            target.startProfile();
        }
        double server0 = ProcStats.cpuSeconds(pid);
        double generator0 = ProcStats.cpuSeconds(ProcStats.self());
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        loop.call(() -> {
            recorder.endWindow(System.nanoTime());
            return null;
        });
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double server = ProcStats.cpuSeconds(pid) - server0;
        double generator = ProcStats.cpuSeconds(ProcStats.self()) - generator0;
        if (settings.profileDir() != null) {
            target.stopProfile(settings.profileDir().resolve(name + "-" + target.name() + ".jfr"));
        }
        result.rssMb = ProcStats.rssKb(pid) / 1024.0;
        recorder.fill(result, elapsed);
        if (!longerWarmUps.isEmpty()) {
            result.note = (result.note + " warm-up " + String.join(" + ", longerWarmUps) + " (JIT busy)").trim();
        }
        result.serverCpu = server / elapsed;
        result.generatorCpu = generator / elapsed;
        if (recorder.windowDeliveries > 0) {
            result.cpuPerMillion = server / recorder.windowDeliveries * 1e6;
        }
    }

    /** Waits until every client has every message of its channel (or the timeout); returns the missing count. */
    protected long drain(List<BenchClient> members, double timeoutSeconds) throws InterruptedException {
        await(() -> missing(members) == 0, timeoutSeconds);
        return loop.call(() -> missing(members));
    }

    private long missing(List<BenchClient> members) {
        long missing = 0;
        for (BenchClient c : members) {
            missing += sent[c.channel] - c.seen.cardinality();
        }
        return missing;
    }

    @Override
    public void joined(BenchClient client) {
        joined++;
        opened();
    }

    @Override
    public void closed(BenchClient client, String why) {
        if (!client.hasJoined() && !closing) {
            failedOpens++;
            opened(); // a socket that failed while opening frees its slot too
        }
        if (!closing) {
            unexpectedCloses++;
            if (unexpectedCloses <= 5) {
                System.err.println("  [" + name + "/" + target.name() + "] socket " + client + " closed: " + why);
            }
        }
    }

    @Override
    public void error(BenchClient client, String frame) {
        recorder.errors++;
        if (++reportedErrors <= 5) {
            System.err.println("  [" + name + "/" + target.name() + "] error to " + client + ": " + frame);
        }
    }

    /** Builds the pairs of a dialog scenario: users 2i and 2i+1 in channel i; returns [senders, receivers]. */
    protected List<List<BenchClient>> pairs(List<org.parley.bench.wire.BenchUser> users, int count) {
        List<BenchClient> senders = new ArrayList<>();
        List<BenchClient> receivers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var a = users.get(2 * i);
            var b = users.get(2 * i + 1);
            senders.add(new BenchClient(a, group, i, b.name(), null, target.wire(), this));
            receivers.add(new BenchClient(b, group, i, a.name(), null, target.wire(), this));
        }
        sent = new int[count];
        return List.of(senders, receivers);
    }
}
