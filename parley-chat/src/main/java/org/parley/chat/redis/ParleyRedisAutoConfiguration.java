package org.parley.chat.redis;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.function.Supplier;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.presence.PresenceService;
import org.parley.chat.presence.PresenceStore;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUserIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;

/**
 * Several nodes ({@code parley.broker=redis}): the Redis broker and presence store, on the Redis server
 * of {@code spring.data.redis.*} (host, port, url, username, password, database, ssl.enabled). Needs
 * {@code spring-boot-starter-data-redis} on the classpath; a single Redis server, not Sentinel or Cluster.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        beforeName = "org.parley.chat.system.ParleyAutoConfiguration")
@ConditionalOnClass(name = "io.lettuce.core.RedisClient")
@ConditionalOnProperty(name = "parley.broker", havingValue = "redis")
@EnableConfigurationProperties(ParleyProperties.class)
public class ParleyRedisAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ParleyRedisAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    ParleyRedis parleyRedis(
            ObjectProvider<DataRedisConnectionDetails> details,
            ObjectProvider<DataRedisProperties> redisProperties,
            ParleyProperties properties) {
        var redis = new ParleyRedis(uri(details, redisProperties, properties.redis()), properties.redis());
        log.info(
                "Parley broker: Redis at {} (node {}, prefix '{}', presence TTL {} s)",
                redis.describe(),
                redis.nodeId(),
                redis.prefix(),
                properties.redis().presenceTtl().toSeconds());
        return redis;
    }

    static RedisURI uri(
            ObjectProvider<DataRedisConnectionDetails> details,
            ObjectProvider<DataRedisProperties> redisProperties,
            ParleyProperties.Redis settings) {
        DataRedisConnectionDetails connection = details.getIfAvailable();
        if (connection == null) {
            throw new IllegalStateException("parley.broker=redis needs Spring Boot's Redis auto-configuration "
                    + "(spring.data.redis.*); it is missing or excluded");
        }
        if (connection.getSentinel() != null || connection.getCluster() != null) {
            throw new IllegalStateException(
                    "Parley's Redis broker needs one Redis server (spring.data.redis.host/port or url), "
                            + "not Sentinel or Cluster");
        }
        var standalone = connection.getStandalone();
        var builder = RedisURI.builder()
                .withHost(standalone.getHost())
                .withPort(standalone.getPort())
                .withDatabase(standalone.getDatabase())
                .withTimeout(settings.commandTimeout());
        if (connection.getPassword() != null) {
            if (connection.getUsername() != null) {
                builder.withAuthentication(connection.getUsername(), connection.getPassword());
            } else {
                builder.withPassword(connection.getPassword().toCharArray());
            }
        }
        DataRedisProperties props = redisProperties.getIfAvailable();
        boolean ssl = connection.getSslBundle() != null
                || (props != null
                        && (props.getSsl().isEnabled()
                                || (props.getUrl() != null && props.getUrl().startsWith("rediss:"))));
        return builder.withSsl(ssl).build();
    }

    @Bean
    RedisEventCodec parleyRedisEventCodec() {
        return new RedisEventCodec();
    }

    @Bean
    @ConditionalOnMissingBean
    ChatBroker parleyRedisBroker(ParleyRedis redis, RedisEventCodec codec) {
        return reachable(redis, () -> new RedisChatBroker(redis, codec));
    }

    @Bean
    @ConditionalOnMissingBean
    PresenceStore parleyRedisPresence(ParleyRedis redis) {
        return reachable(redis, () -> new RedisPresenceStore(redis));
    }

    /** A node starts only with Redis there; once running, it rides out outages by itself. */
    private static <T> T reachable(ParleyRedis redis, Supplier<T> connect) {
        try {
            return connect.get();
        } catch (RedisConnectionException e) {
            throw new IllegalStateException(
                    "parley.broker=redis, but Redis at " + redis.describe() + " (spring.data.redis.*) is unreachable: "
                            + e.getMessage(),
                    e);
        }
    }

    @Bean
    PresenceKeeper parleyPresenceKeeper(
            PresenceStore store, PresenceService presence, ChatUserIds ids, ParleyProperties properties) {
        if (!(store instanceof RedisPresenceStore redisStore)) {
            throw new IllegalStateException("parley.broker=redis with a host-defined PresenceStore: define the "
                    + "presence keeping yourself or use Parley's RedisPresenceStore");
        }
        Duration ttl = properties.redis().presenceTtl();
        return new PresenceKeeper(redisStore, presence, ids, ttl);
    }
}
