package org.parley.chat.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.parley.chat.system.ParleyProperties;

/**
 * The Redis every test shares (127.0.0.1:6379), used under a key prefix of its own per test class, removed
 * afterwards (never FLUSH). Fails, not skips, when Redis is not there.
 */
final class RedisTestSupport implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final int PORT = 6379;

    private final String prefix = "parley-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final List<ParleyRedis> clients = new ArrayList<>();
    private final int port;

    RedisTestSupport() {
        this(PORT);
    }

    RedisTestSupport(int port) {
        this.port = port;
        requireReachable(port);
    }

    static void requireReachable(int port) {
        RedisClient probe = RedisClient.create(RedisURI.builder()
                .withHost(HOST)
                .withPort(port)
                .withTimeout(Duration.ofSeconds(2))
                .build());
        try (StatefulRedisConnection<String, String> c = probe.connect()) {
            c.sync().ping();
        } catch (RuntimeException e) {
            throw new AssertionError(
                    "Redis at " + HOST + ":" + port + " is unreachable (" + e.getMessage()
                            + "); the tests need it running (see .ci/run)",
                    e);
        } finally {
            probe.shutdown();
        }
    }

    String prefix() {
        return prefix;
    }

    ParleyRedis newNode() {
        return newNode(Duration.ofSeconds(30));
    }

    /** A client like one node's, under this test's prefix. */
    ParleyRedis newNode(Duration presenceTtl) {
        var settings = new ParleyProperties.Redis(prefix, presenceTtl, Duration.ofSeconds(2), Duration.ofMillis(500));
        var redis =
                new ParleyRedis(RedisURI.builder().withHost(HOST).withPort(port).build(), settings);
        clients.add(redis);
        return redis;
    }

    /** How many keys this test left under its prefix. */
    List<String> keys() {
        RedisClient client = RedisClient.create(RedisURI.create(HOST, port));
        try (var c = client.connect()) {
            List<String> keys = new ArrayList<>();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                var page = c.sync()
                        .scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
                keys.addAll(page.getKeys());
                cursor = page;
            } while (!cursor.isFinished());
            return keys;
        } finally {
            client.shutdown();
        }
    }

    @Override
    public void close() {
        for (ParleyRedis client : clients) {
            try {
                client.close();
            } catch (RuntimeException ignored) {
                // closing what may already be closed
            }
        }
        List<String> keys = keys();
        if (!keys.isEmpty()) {
            RedisClient client = RedisClient.create(RedisURI.create(HOST, port));
            try (var c = client.connect()) {
                c.sync().del(keys.toArray(String[]::new));
            } finally {
                client.shutdown();
            }
        }
    }
}
