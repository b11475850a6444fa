package org.parley.server.cluster;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.parley.server.ParleyServerApplication;
import org.parley.server.support.ChatTestClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several Parley nodes for one test class, sharing a PostgreSQL database made for this run (dropped after)
 * and a Redis under a key prefix of this run (its keys removed after; never FLUSH). Nodes run in this JVM
 * ({@link #start}) or as a separate JVM ({@link #startProcess}) that a test can kill with SIGKILL.
 * Fails, not skips, if PostgreSQL or Redis is unreachable.
 */
final class Cluster implements AutoCloseable {

    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    private final String database =
            "parley_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String prefix = "parley-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final int redisPort;
    private final int postgresPort;
    private final Duration presenceTtl;
    private final Map<String, String> extra = new LinkedHashMap<>();
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    Cluster(int redisPort, Duration presenceTtl) {
        this(redisPort, 5432, presenceTtl);
    }

    /** A cluster whose nodes reach PostgreSQL at {@code postgresPort} (e.g. through a {@link TcpProxy}). */
    Cluster(int redisPort, int postgresPort, Duration presenceTtl) {
        this.redisPort = redisPort;
        this.postgresPort = postgresPort;
        this.presenceTtl = presenceTtl;
        requireRedis(redisPort);
        try (Connection c = DriverManager.getConnection(POSTGRES + "test", "postgres", "")) {
            c.createStatement().execute("create database " + database);
        } catch (SQLException e) {
            throw new AssertionError(
                    "PostgreSQL at 127.0.0.1:5432 (user postgres, database test) is unreachable or "
                            + "refused to create a database: " + e.getMessage() + " (see .ci/run)",
                    e);
        }
    }

    static void requireRedis(int port) {
        RedisClient probe = RedisClient.create(RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(port)
                .withTimeout(Duration.ofSeconds(2))
                .build());
        try (var c = probe.connect()) {
            c.sync().ping();
        } catch (RuntimeException e) {
            throw new AssertionError("Redis at 127.0.0.1:" + port + " is unreachable: " + e.getMessage(), e);
        } finally {
            probe.shutdown();
        }
    }

    /** The settings every node of this cluster gets. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("parley.broker", "redis");
        settings.put("parley.redis.prefix", prefix);
        settings.put("parley.redis.presence-ttl", presenceTtl.toMillis() + "ms");
        settings.put("parley.redis.reconnect-delay-max", "500ms");
        settings.put("spring.data.redis.host", "127.0.0.1");
        settings.put("spring.data.redis.port", Integer.toString(redisPort));
        // The postgres profile's pool and driver time-outs, with this run's database.
        settings.put("spring.profiles.active", "postgres");
        settings.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database);
        settings.put("spring.datasource.username", "postgres");
        settings.put("spring.datasource.password", "");
        settings.put("spring.main.banner-mode", "off");
        // Several nodes in one JVM: no fixed chat port (ChatPortClusterTest asks for one with "0").
        settings.put("parley.websocket.chat-port.port", "");
        settings.put("logging.level.org.parley", "INFO");
        settings.putAll(extra);
        return settings;
    }

    /** Adds a setting for the nodes started from now on. */
    Cluster with(String name, String value) {
        extra.put(name, value);
        return this;
    }

    /** Starts a node in this JVM on a free port; returns its base URL. Nodes start one after the other. */
    synchronized String start() {
        // Command-line arguments: they win over application.properties (default properties would not).
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        settings().forEach((k, v) -> args.add("--" + k + "=" + v));
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(ParleyServerApplication.class).run(args.toArray(String[]::new));
        nodes.add(context);
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** A new account on {@code node}, logged in there; its password is the username + "-password". */
    static ChatTestClient user(String node, String username) {
        return new ChatTestClient(node).signUpAndLogIn(username, username + "-password");
    }

    /** Opens a socket and waits for the answer to a request, so the node has registered it. */
    static ChatTestClient.Socket open(ChatTestClient client) {
        var socket = client.connect("/ws");
        int mark = socket.mark();
        socket.sendJson("type", "check-online");
        socket.awaitAfter(mark, f -> "gone-online".equals(f.path("type").asString()));
        return socket;
    }

    <T> T bean(String base, Class<T> type) {
        for (ConfigurableApplicationContext node : nodes) {
            if (base.endsWith(":" + node.getEnvironment().getProperty("local.server.port"))) {
                return node.getBean(type);
            }
        }
        throw new IllegalArgumentException("No node at " + base);
    }

    /**
     * Starts a node as its own JVM (same classpath); returns it once it answers HTTP. The node binds a port
     * of its own choosing and the test reads it from its log: a port picked here and handed over could be
     * taken by anything on the machine before the child binds it.
     */
    synchronized NodeProcess startProcess() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath,
                ParleyServerApplication.class.getName(),
                "--server.port=0"));
        settings().forEach((k, v) -> command.add("--" + k + "=" + v));
        File log = new File("target/cluster-node-" + System.nanoTime() + ".log");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        processes.add(process);
        Pattern started = Pattern.compile("Tomcat started on port\\D*(\\d+)");
        String[] base = {null};
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .failFast("node process died (log in " + log + ")", () -> !process.isAlive())
                .ignoreExceptions()
                .until(() -> {
                    if (base[0] == null) {
                        Matcher m = started.matcher(Files.readString(log.toPath()));
                        if (!m.find()) {
                            return false;
                        }
                        base[0] = "http://127.0.0.1:" + m.group(1);
                    }
                    return http.send(
                                            HttpRequest.newBuilder(URI.create(base[0] + "/login"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
        return new NodeProcess(base[0], process);
    }

    record NodeProcess(String base, Process process) {
        /** SIGKILL: no shutdown hook, no socket close, no presence clean-up runs. */
        void kill() {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                nodes.get(i).close();
            } catch (RuntimeException ignored) {
                // a node a test already stopped
            }
        }
        removeRedisKeys();
        try (Connection c = DriverManager.getConnection(POSTGRES + "test", "postgres", "")) {
            c.createStatement().execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop " + database, e);
        }
    }

    private void removeRedisKeys() {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", redisPort));
        try (var c = client.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                var page = c.sync()
                        .scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
                if (!page.getKeys().isEmpty()) {
                    c.sync().del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } catch (RuntimeException e) {
            // Redis may be a test's own, already stopped: nothing shared to clean then.
        } finally {
            client.shutdown();
        }
    }
}
