package org.parley.chat.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.ChatEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multi-node broker: one Redis pub/sub channel per topic ({@code <prefix>user:42}, {@code
 * <prefix>room:7}).
 *
 * <ul>
 *   <li>A node listens to a channel only while it has a local session for that topic ({@link
 *       org.parley.chat.realtime.SessionRegistry} calls {@link #subscribe} and {@link #unsubscribe}); the
 *       commands are sent asynchronously, so the caller never waits for Redis.
 *   <li>{@link #publish} hands the event to this node's own sessions at once, then sends one encoded copy
 *       to each topic's channel without waiting. Copies that come back to the publishing node are dropped.
 *   <li>An event published to several topics reaches a node once per channel it listens to; it is
 *       delivered once. Each node numbers what it publishes and sends the copies of one event under one
 *       lock, and Redis keeps one connection's order, so a receiver drops any copy whose number is not
 *       above the last one it delivered from that node.
 *   <li>While Redis is unreachable, publishing reaches local sessions only ({@link #connected()} is
 *       false) and the dispatcher tells every local socket; when Redis is back the node subscribes to its
 *       channels again and tells the sockets, which then fetch what they missed from the database.
 * </ul>
 *
 * <p>Channels unsubscribed while Redis was away may be listened to again after it returns; their events
 * are dropped here. See docs/architecture.md.
 */
public final class RedisChatBroker implements ChatBroker, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisChatBroker.class);

    private final ParleyRedis redis;
    private final RedisEventCodec codec;
    private final String node;
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;

    /** The channels this node's sessions need: the truth that subscriptions are rebuilt from. */
    private final Set<String> wanted = ConcurrentHashMap.newKeySet();
    /** Highest sequence number delivered per publishing node (drops the extra copies of one event). */
    private final ConcurrentHashMap<String, Long> lastDelivered = new ConcurrentHashMap<>();

    private final Object publishLock = new Object();
    private long seq;
    private final Object subscriptionLock = new Object();

    private volatile LocalDelivery delivery = (event, topics) -> {};
    private volatile boolean linked = true;
    private volatile boolean closing;
    private final AtomicLong failedPublishes = new AtomicLong();

    RedisChatBroker(ParleyRedis redis, RedisEventCodec codec) {
        this.redis = redis;
        this.codec = codec;
        this.node = redis.nodeId();
        this.publisher = redis.connect();
        this.subscriber = redis.connectPubSub();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String payload) {
                received(channel, payload);
            }
        });
        subscriber.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                linkLost();
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                relink();
            }
        });
    }

    @Override
    public void publish(ChatEvent event, Collection<Topic> topics) {
        delivery.deliver(event, topics);
        if (topics.isEmpty()) {
            return;
        }
        String body = codec.encodeWithoutSeq(node, event, topics);
        RedisAsyncCommands<String, String> commands = publisher.async();
        synchronized (publishLock) {
            // Numbering and sending under one lock keeps the numbers in send order (see the class comment).
            String payload = codec.withSeq(++seq, body);
            for (Topic topic : topics) {
                commands.publish(channel(topic), payload).whenComplete((receivers, failure) -> published(failure));
            }
        }
    }

    private void published(Throwable failure) {
        if (failure == null) {
            long failed = failedPublishes.getAndSet(0);
            if (failed > 0) {
                log.info("Publishing to Redis works again after {} failed publishes", failed);
            }
        } else if (failedPublishes.getAndIncrement() == 0) {
            log.warn(
                    "Publishing to Redis {} failed; events reach this node's sessions only: {}",
                    redis.describe(),
                    failure.toString());
        }
    }

    @Override
    public void subscribe(Topic topic) {
        String channel = channel(topic);
        synchronized (subscriptionLock) {
            wanted.add(channel);
            // Refused while Redis is away: relink() subscribes again to everything wanted.
            subscriber.async().subscribe(channel);
        }
    }

    @Override
    public void unsubscribe(Topic topic) {
        String channel = channel(topic);
        synchronized (subscriptionLock) {
            wanted.remove(channel);
            subscriber.async().unsubscribe(channel);
        }
    }

    @Override
    public void deliverTo(LocalDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public boolean connected() {
        return linked && publisher.isOpen() && subscriber.isOpen();
    }

    private void received(String channel, String payload) {
        if (!wanted.contains(channel)) {
            return;
        }
        RedisEventCodec.Envelope envelope;
        try {
            envelope = codec.decode(payload);
        } catch (RuntimeException e) {
            log.warn("Dropped an event on {} this node cannot read: {}", channel, e.toString());
            return;
        }
        if (node.equals(envelope.node())) {
            return; // delivered locally when it was published
        }
        Long last = lastDelivered.get(envelope.node());
        if (last != null && envelope.seq() <= last) {
            return; // another copy of an event already delivered
        }
        lastDelivered.put(envelope.node(), envelope.seq());
        delivery.deliver(envelope.event(), envelope.topics());
    }

    private void linkLost() {
        if (linked && !closing) {
            linked = false;
            log.warn("Lost Redis {}: events from other nodes stop until it returns", redis.describe());
            delivery.linkChanged(false);
        }
    }

    private void relink() {
        synchronized (subscriptionLock) {
            if (wanted.isEmpty()) {
                linkBack();
                return;
            }
            subscriber.async().subscribe(wanted.toArray(String[]::new)).whenComplete((ok, failure) -> {
                if (failure == null) {
                    linkBack();
                } else {
                    log.warn("Subscribing again after a reconnect failed: {}", failure.toString());
                }
            });
        }
    }

    private void linkBack() {
        if (!linked) {
            linked = true;
            log.info("Redis {} is back: listening to {} channels again", redis.describe(), wanted.size());
            delivery.linkChanged(true);
        }
    }

    private String channel(Topic topic) {
        return redis.key(topic.channel());
    }

    /** How many channels this node listens to (for tests and metrics). */
    int channelCount() {
        return wanted.size();
    }

    @Override
    public void close() {
        closing = true;
        subscriber.close();
        publisher.close();
    }
}
