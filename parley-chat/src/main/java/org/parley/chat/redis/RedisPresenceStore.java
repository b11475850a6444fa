package org.parley.chat.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.parley.chat.presence.PresenceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence shared by all nodes in Redis (see {@link PresenceScripts} for the keys). Each node holds a
 * lease that {@link PresenceKeeper} renews every sixth of {@code parley.redis.presence-ttl}; the entries
 * of a node whose lease ended are removed by whichever node reaps first, and the users left without a
 * connection are reported by that one reap only, so each goes offline once.
 *
 * <p>This node also keeps its own connections in memory. While Redis is unreachable, calls answer from
 * that alone (a user online on another node looks offline) and presence changes are not announced; when
 * Redis is back, {@link #renew()} makes Redis agree with the node again and reports who went online or
 * offline in between, so those are announced then.
 */
public final class RedisPresenceStore implements PresenceStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisPresenceStore.class);
    /** Nodes reaped by one script run at most, so one run stays short however many died. */
    private static final int REAP_BATCH = 20;

    /** What a sync or renewal changed: users now online and users now offline. */
    record Changes(List<Long> online, List<Long> offline) {
        static final Changes NONE = new Changes(List.of(), List.of());
    }

    private final ParleyRedis redis;
    private final StatefulRedisConnection<String, String> connection;
    private final String leases;
    private final String nodeKey;
    private final long leaseMillis;

    /** This node's connections: connection id to user id. */
    private final Map<String, Long> local = new ConcurrentHashMap<>();
    /** Connects and disconnects run together; a full sync runs alone, so it never undoes one of them. */
    private final ReadWriteLock syncLock = new ReentrantReadWriteLock();

    private volatile boolean dirty;
    private volatile boolean registered;
    private final AtomicBoolean failing = new AtomicBoolean();

    RedisPresenceStore(ParleyRedis redis) {
        this.redis = redis;
        this.connection = redis.connect();
        this.leases = redis.key("presence:leases");
        this.nodeKey = redis.key("presence:node:" + redis.nodeId());
        this.leaseMillis = redis.settings().presenceTtl().toMillis();
    }

    private RedisCommands<String, String> commands() {
        return connection.sync();
    }

    private String userKey(long userId) {
        return redis.key("presence:user:" + userId);
    }

    @Override
    public boolean connect(long userId, String connectionId) {
        syncLock.readLock().lock();
        try {
            local.put(connectionId, userId);
            List<Long> result = PresenceScripts.CONNECT.run(
                    commands(),
                    ScriptOutputType.MULTI,
                    new String[] {leases, nodeKey, userKey(userId)},
                    redis.nodeId(),
                    Long.toString(leaseMillis),
                    userId + "|" + connectionId,
                    connectionId);
            if (result.get(1) == 0 && registered) {
                // Others reaped this node (it stalled or lost Redis for a whole TTL): put all back.
                log.warn("This node's presence lease had lapsed; its connections are registered again");
                dirty = true;
            }
            registered = true;
            recovered();
            return result.get(0) == 1;
        } catch (RedisException e) {
            failed("connect", e);
            return false;
        } finally {
            syncLock.readLock().unlock();
        }
    }

    @Override
    public boolean disconnect(long userId, String connectionId) {
        syncLock.readLock().lock();
        try {
            if (local.remove(connectionId) == null) {
                return false;
            }
            Long last = PresenceScripts.DISCONNECT.run(
                    commands(),
                    ScriptOutputType.INTEGER,
                    new String[] {nodeKey, userKey(userId)},
                    userId + "|" + connectionId,
                    connectionId);
            recovered();
            return last == 1;
        } catch (RedisException e) {
            failed("disconnect", e);
            return false;
        } finally {
            syncLock.readLock().unlock();
        }
    }

    @Override
    public boolean isOnline(long userId) {
        try {
            return commands().exists(userKey(userId)) > 0;
        } catch (RedisException e) {
            failed("isOnline", e);
            return local.containsValue(userId);
        }
    }

    @Override
    public Set<Long> onlineAmong(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        try {
            List<String> args = new ArrayList<>(userIds.size() + 1);
            args.add(redis.prefix());
            for (Long id : userIds) {
                args.add(Long.toString(id));
            }
            List<String> online = PresenceScripts.ONLINE_AMONG.run(
                    commands(), ScriptOutputType.MULTI, new String[0], args.toArray(String[]::new));
            Set<Long> result = new HashSet<>();
            for (String id : online) {
                result.add(Long.parseLong(id));
            }
            return result;
        } catch (RedisException e) {
            failed("onlineAmong", e);
            Set<Long> result = new HashSet<>(userIds);
            result.retainAll(new HashSet<>(local.values()));
            return result;
        }
    }

    /**
     * Renews this node's lease; if the lease had lapsed or an earlier call failed, first makes Redis hold
     * exactly this node's connections and returns whose presence that changed.
     */
    Changes renew() {
        if (!dirty && registered) {
            Long lapsed = PresenceScripts.RENEW.run(
                    commands(),
                    ScriptOutputType.INTEGER,
                    new String[] {leases},
                    redis.nodeId(),
                    Long.toString(leaseMillis));
            if (lapsed == 0) {
                recovered();
                return Changes.NONE;
            }
            log.warn("This node's presence lease had lapsed; its connections are registered again");
        }
        return sync(leaseMillis);
    }

    /** Removes the entries of nodes whose lease ended; returns the users that left offline (each once). */
    List<Long> reap() {
        List<String> lapsed = PresenceScripts.REAP.run(
                commands(),
                ScriptOutputType.MULTI,
                new String[] {leases},
                redis.prefix(),
                Integer.toString(REAP_BATCH));
        return lapsed.stream().map(Long::parseLong).toList();
    }

    /** Removes this node and all its entries (a clean shutdown); returns the users now offline. */
    Changes leave() {
        local.clear();
        return sync(0);
    }

    private Changes sync(long lease) {
        syncLock.writeLock().lock();
        try {
            dirty = false;
            List<String> args = new ArrayList<>(local.size() + 3);
            args.add(redis.prefix());
            args.add(redis.nodeId());
            args.add(Long.toString(lease));
            local.forEach((connectionId, userId) -> args.add(userId + "|" + connectionId));
            List<List<String>> result = PresenceScripts.SYNC.run(
                    commands(), ScriptOutputType.MULTI, new String[] {leases, nodeKey}, args.toArray(String[]::new));
            registered = true;
            recovered();
            return new Changes(ids(result.get(0)), ids(result.get(1)));
        } catch (RedisException e) {
            dirty = true;
            throw e;
        } finally {
            syncLock.writeLock().unlock();
        }
    }

    private static List<Long> ids(List<String> ids) {
        return ids.stream().map(Long::parseLong).toList();
    }

    private void failed(String what, RedisException e) {
        dirty = true;
        if (failing.compareAndSet(false, true)) {
            log.warn(
                    "Presence in Redis {} unavailable ({} failed: {}); answering from this node until it returns",
                    redis.describe(),
                    what,
                    e.toString());
        }
    }

    private void recovered() {
        if (failing.compareAndSet(true, false)) {
            log.info("Presence in Redis {} works again", redis.describe());
        }
    }

    /** This node's id in Redis (tests). */
    String nodeId() {
        return redis.nodeId();
    }

    @Override
    public void close() {
        connection.close();
    }
}
