package org.parley.chat.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.parley.chat.system.ParleyProperties;

/**
 * Parley's own Lettuce client, apart from any the host uses, so its behaviour when Redis goes away is
 * Parley's: commands fail at once while Redis is unreachable (rather than queue in memory and wait), a
 * command waits at most {@code parley.redis.command-timeout}, and connections come back by themselves,
 * retrying at most every {@code parley.redis.reconnect-delay-max}. Every key and channel starts with
 * {@code parley.redis.prefix}.
 */
public final class ParleyRedis implements AutoCloseable {

    /** Commands queued on one connection before further ones are refused (a hung Redis holds them). */
    private static final int REQUEST_QUEUE_SIZE = 100_000;

    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final String prefix;
    private final String nodeId;
    private final ParleyProperties.Redis settings;

    public ParleyRedis(RedisURI uri, ParleyProperties.Redis settings) {
        this.uri = uri;
        this.settings = settings;
        this.prefix = settings.prefix();
        this.nodeId = newNodeId();
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(
                        Duration.ofMillis(50), settings.reconnectDelayMax(), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        Duration timeout = settings.commandTimeout();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE_SIZE)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(timeout)
                        // A Redis host that vanished without closing the connection is noticed in ~25 s.
                        .keepAlive(SocketOptions.KeepAliveOptions.builder()
                                .enable()
                                .idle(Duration.ofSeconds(10))
                                .interval(Duration.ofSeconds(5))
                                .count(3)
                                .build())
                        .build())
                .build());
    }

    /** A name for this node that no other node (nor this one after a restart) has. */
    private static String newNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        return host.replaceAll("[^A-Za-z0-9.-]", "") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    StatefulRedisConnection<String, String> connect() {
        return client.connect();
    }

    StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return client.connectPubSub();
    }

    /** {@code parley.redis.prefix} followed by {@code name}. */
    String key(String name) {
        return prefix + name;
    }

    String prefix() {
        return prefix;
    }

    String nodeId() {
        return nodeId;
    }

    ParleyProperties.Redis settings() {
        return settings;
    }

    /** Where Redis is, without the password, for logs. */
    public String describe() {
        return uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
