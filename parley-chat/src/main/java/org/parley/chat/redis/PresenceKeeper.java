package org.parley.chat.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.chat.presence.PresenceService;
import org.parley.chat.user.ChatUserIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every sixth of {@code parley.redis.presence-ttl}: renews this node's presence lease (re-registering its
 * connections if it had lapsed), then reaps the entries of nodes whose lease ended and announces those
 * users {@code offline}. The reap is atomic in Redis, so of all the nodes reaping, exactly one announces
 * each user. A node that dies therefore stops counting its users online within the TTL plus one tick.
 *
 * <p>On a clean stop the node removes its own entries and announces who that took offline.
 */
final class PresenceKeeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PresenceKeeper.class);

    private final RedisPresenceStore store;
    private final PresenceService presence;
    private final ChatUserIds ids;
    private final long tickMillis;
    private final AtomicBoolean failing = new AtomicBoolean();
    private ScheduledExecutorService timer;

    PresenceKeeper(RedisPresenceStore store, PresenceService presence, ChatUserIds ids, Duration ttl) {
        this.store = store;
        this.presence = presence;
        this.ids = ids;
        this.tickMillis = Math.max(1, ttl.toMillis() / 6);
    }

    /** One renewal and reap; public to the package so tests can drive it without waiting. */
    void tick() {
        try {
            announce(store.renew());
            for (long userId : store.reap()) {
                ids.usernameOf(userId).ifPresent(name -> presence.expired(userId, name));
            }
            if (failing.compareAndSet(true, false)) {
                log.info("Presence lease renewed again");
            }
        } catch (RuntimeException e) {
            // Redis away: try again next tick; the node's own sockets keep working meanwhile.
            if (failing.compareAndSet(false, true)) {
                log.warn("Renewing this node's presence lease failed: {}", e.toString());
            }
        }
    }

    private void announce(RedisPresenceStore.Changes changes) {
        for (long userId : changes.online()) {
            ids.usernameOf(userId).ifPresent(name -> presence.restored(userId, name));
        }
        announceOffline(changes.offline());
    }

    private void announceOffline(List<Long> userIds) {
        for (long userId : userIds) {
            ids.usernameOf(userId).ifPresent(name -> presence.expired(userId, name));
        }
    }

    @Override
    public synchronized void start() {
        tick();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-presence-keeper");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        timer = null;
        try {
            announceOffline(store.leave().offline());
        } catch (RuntimeException e) {
            log.warn("Could not remove this node's presence entries; they lapse within the TTL: {}", e.toString());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
