package org.parley.bench.target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.parley.bench.wire.BenchUser;
import org.parley.bench.wire.ParleyWire;
import org.parley.bench.wire.Wire;

/**
 * The Parley server jar, started with {@code taskset -c 0 java <jvm options> -jar parley-server.jar} on a
 * fresh database: an H2 file in the run's work directory, or a PostgreSQL database of its own
 * ({@code parley_bench_<time>}, dropped afterwards). Flood limits are raised: the bench's senders are
 * meant to exceed what one human types.
 */
public final class ParleyTarget implements Target {

    private static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String database;
    private final Path jar;
    private final int port;
    private final Integer chatPort;
    private final Path workDir;
    private final List<String> jvmOptions;
    private final List<String> appOptions;
    private final int accounts;
    private final ParleyWire wire;
    private final List<BenchUser> users = new ArrayList<>();
    private Process process;
    private String jdbcUrl;
    private String jdbcUser;
    private String pgDatabase;
    private double startup = Double.NaN;

    /**
     * @param database {@code h2} or {@code pg}
     * @param accounts how many bench accounts to create (the most any scenario needs)
     * @param chatPort the chat port the sockets use ({@code parley.websocket.chat-port.port}), or null for the
     *     servlet container's sockets on {@code port}
     */
    public ParleyTarget(
            String database,
            Path jar,
            int port,
            Integer chatPort,
            Path workDir,
            List<String> jvmOptions,
            List<String> appOptions,
            int accounts) {
        this.database = database;
        this.jar = jar;
        this.port = port;
        this.chatPort = chatPort;
        this.workDir = workDir;
        this.jvmOptions = jvmOptions;
        this.appOptions = appOptions;
        this.accounts = accounts;
        this.wire = new ParleyWire(port);
    }

    @Override
    public String name() {
        return "parley-" + database + (chatPort == null ? "-servlet" : "");
    }

    @Override
    public void start() throws Exception {
        if (database.equals("pg")) {
            pgDatabase = "parley_bench_" + System.currentTimeMillis();
            try (var admin = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "")) {
                admin.createStatement().execute("create database " + pgDatabase);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is not reachable: " + e.getMessage(), e);
            }
            jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/" + pgDatabase;
            jdbcUser = "postgres";
        } else {
            Path dir = Files.createDirectories(workDir.resolve("h2"));
            // AUTO_SERVER lets the bench seed accounts while the server holds the file open.
            jdbcUrl = "jdbc:h2:file:" + dir.resolve("parley").toAbsolutePath()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
            jdbcUser = "sa";
        }
        List<String> command = new ArrayList<>(List.of("taskset", "-c", "0", "java"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + jdbcUser,
                "--spring.datasource.password=",
                "--parley.rate-limit.messages-per-second=1000000",
                "--parley.rate-limit.message-burst=1000000",
                "--parley.rate-limit.frames-per-second=1000000",
                "--parley.rate-limit.frame-burst=1000000"));
        // The servlet targets leave the chat port off (the server's default port would be 8081).
        command.add("--parley.websocket.chat-port.port=" + (chatPort != null ? chatPort : ""));
        command.addAll(appOptions);
        var log = workDir.resolve(name() + ".log");
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        var login = new Accounts(port);
        long t0 = System.nanoTime();
        process = builder.start();
        long deadline = t0 + 120_000_000_000L;
        while (!login.up()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name() + " did not start; see " + log);
            }
            Thread.sleep(20);
        }
        startup = (System.nanoTime() - t0) / 1e9;
        Accounts.seed(jdbcUrl, jdbcUser, "", accounts);
        login.signUp("bench-signup");
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public int port() {
        return chatPort != null ? chatPort : port;
    }

    @Override
    public Wire wire() {
        return wire;
    }

    /** Logs in the users not logged in yet, a few at a time; sessions are kept for later scenarios. */
    @Override
    public synchronized List<BenchUser> users(int count) throws Exception {
        if (count > accounts) {
            throw new IllegalArgumentException("only " + accounts + " bench accounts");
        }
        if (users.size() < count) {
            var login = new Accounts(port);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<BenchUser>> pending = new ArrayList<>();
                for (int i = users.size(); i < count; i++) {
                    String name = "bench" + i;
                    pending.add(pool.submit(() -> new BenchUser(name, login.logIn(name))));
                }
                for (var f : pending) {
                    users.add(f.get());
                }
            } finally {
                pool.shutdown();
            }
        }
        return List.copyOf(users.subList(0, count));
    }

    @Override
    public long[] helperPids() {
        if (pgDatabase == null) {
            return new long[0];
        }
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().user().map("postgres"::equals).orElse(false))
                .mapToLong(ProcessHandle::pid)
                .toArray();
    }

    /** Rooms are made by staff in the product; the bench writes its rooms straight into the table. */
    @Override
    public long createRoom(String name) throws Exception {
        try (var db = DriverManager.getConnection(jdbcUrl, jdbcUser, "");
                var insert = db.prepareStatement(
                        "insert into room (title, slug, staff_only, created) values (?, ?, false, ?)",
                        new String[] {"id"})) {
            insert.setString(1, "Bench " + name);
            insert.setString(2, "bench-" + name);
            insert.setObject(3, java.time.OffsetDateTime.now());
            insert.executeUpdate();
            try (var keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    @Override
    public void collectGarbage() {
        jcmd("GC.run");
    }

    @Override
    public void startProfile() {
        jcmd("JFR.start", "name=bench-window", "settings=profile");
    }

    @Override
    public void stopProfile(Path file) {
        jcmd("JFR.stop", "name=bench-window", "filename=" + file.toAbsolutePath());
    }

    private void jcmd(String... command) {
        List<String> line = new ArrayList<>(List.of("jcmd", String.valueOf(pid())));
        line.addAll(List.of(command));
        try {
            new ProcessBuilder(line)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (Exception e) {
            System.err.println("jcmd " + String.join(" ", command) + " failed: " + e);
        }
    }

    @Override
    public double startupSeconds() {
        return startup;
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (pgDatabase != null) {
            try (var admin = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "")) {
                admin.createStatement().execute("drop database if exists " + pgDatabase + " with (force)");
            } catch (java.sql.SQLException e) {
                System.err.println("could not drop " + pgDatabase + ": " + e.getMessage());
            }
        }
    }
}
