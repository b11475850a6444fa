package org.parley.chat.presence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.PresenceChanged;
import org.parley.chat.user.ChatUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence is per user, not per page: online while any socket is open. The first socket announces
 * {@code online} and the last one's close announces {@code offline} to the user's audience.
 *
 * <p>A user's state change happens under one lock per user (striped) and its announcement is queued, in
 * the same order, to one announcer thread per node: when a last tab closes while a new one opens, the
 * partners hear {@code offline} and {@code online} in the order the store saw them and never end with the
 * wrong state. Why a thread of its own: the announcement asks the database for the audience (dialog
 * partners, room co-members); done on the socket-opening thread, under the user's lock, it made a
 * reconnect storm wait on the connection pool and refuse sockets (docs/performance.md, "Opening sockets").
 * Opening a socket now costs no presence query at all. The announcer takes the changes waiting at that
 * moment together (up to {@value #BATCH}) and asks each audience and listener once for all of them, so
 * 10,000 users arriving or leaving at once cost a few dozen queries, not 20,000.
 */
public class PresenceService {

    private static final Logger log = LoggerFactory.getLogger(PresenceService.class);

    private static final int LOCK_STRIPES = 64;
    /** Most changes announced together: one {@code in (...)} list per audience query. */
    static final int BATCH = 500;

    private final PresenceStore store;
    private final List<PresenceAudience> audiences;
    private final ChatBroker broker;
    private final Object[] locks = new Object[LOCK_STRIPES];
    private final List<PresenceListener> listeners;
    private final Announcer announcer;
    private final Queue<PresenceChange> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /** Announces on the caller's thread (tests, tools). */
    public PresenceService(PresenceStore store, List<PresenceAudience> audiences, ChatBroker broker) {
        this(store, audiences, broker, List.of(), Announcer.inline());
    }

    public PresenceService(
            PresenceStore store,
            List<PresenceAudience> audiences,
            ChatBroker broker,
            List<PresenceListener> listeners,
            Announcer announcer) {
        this.store = store;
        this.audiences = audiences;
        this.broker = broker;
        this.listeners = listeners;
        this.announcer = announcer;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Records an opened socket; announces {@code online} if it is the user's first. */
    public void connected(ChatUser user, String connectionId) {
        synchronized (lockOf(user.id())) {
            if (store.connect(user.id(), connectionId)) {
                announce(user.id(), user.username(), true);
            }
        }
    }

    /** Records a closed socket; announces {@code offline} if it was the user's last. */
    public void disconnected(ChatUser user, String connectionId) {
        synchronized (lockOf(user.id())) {
            if (store.disconnect(user.id(), connectionId)) {
                announce(user.id(), user.username(), false);
            }
        }
    }

    private Object lockOf(long userId) {
        return locks[(int) Math.floorMod(userId, (long) LOCK_STRIPES)];
    }

    /**
     * Announces that a user went offline without a local disconnect (a dead node's users, found by a
     * remote presence store).
     */
    public void expired(long userId, String username) {
        synchronized (lockOf(userId)) {
            announce(userId, username, false);
        }
    }

    /**
     * Announces that a user is online without a local connect: this node registered its connections again
     * after the presence store had lost them (a Redis outage).
     */
    public void restored(long userId, String username) {
        synchronized (lockOf(userId)) {
            announce(userId, username, true);
        }
    }

    public boolean isOnline(long userId) {
        return store.isOnline(userId);
    }

    public Set<Long> onlineAmong(Collection<Long> userIds) {
        return userIds.isEmpty() ? Set.of() : store.onlineAmong(userIds);
    }

    /** The users told about {@code userId}'s presence, e.g. their dialog partners. */
    public Set<Long> audienceOf(long userId) {
        Set<Long> audience = new HashSet<>();
        for (PresenceAudience a : audiences) {
            audience.addAll(a.audienceOf(userId));
        }
        audience.remove(userId);
        return audience;
    }

    /** Presence changes queued and not yet announced (a gauge). */
    public int pending() {
        return pending.size();
    }

    /** Queues the announcement; called under the user's lock, so the queue has the store's order. */
    private void announce(long userId, String username, boolean online) {
        pending.add(new PresenceChange(userId, username, online));
        if (draining.compareAndSet(false, true)) {
            announcer.submit(this::drain);
        }
    }

    /** Announces what is queued, a batch at a time, until the queue is empty; one drain runs at a time. */
    private void drain() {
        while (true) {
            List<PresenceChange> batch = new ArrayList<>();
            PresenceChange change;
            while (batch.size() < BATCH && (change = pending.poll()) != null) {
                batch.add(change);
            }
            if (batch.isEmpty()) {
                draining.set(false);
                // A change queued after the last poll but before the flag was cleared found the flag still set.
                if (pending.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                tell(batch);
            } catch (RuntimeException e) {
                // The states themselves are right (the store has them); only these announcements are lost, e.g.
                // while the database is away. Clients ask for presence again when they open a dialog or reconnect.
                log.warn(
                        "Announcing {} presence changes failed (first: {} {}): {}",
                        batch.size(),
                        batch.get(0).username(),
                        batch.get(0).online() ? "online" : "offline",
                        e.toString());
            }
        }
    }

    private void tell(List<PresenceChange> batch) {
        Set<Long> users = new LinkedHashSet<>();
        for (PresenceChange change : batch) {
            users.add(change.userId());
        }
        Map<Long, Set<Long>> audiences = new HashMap<>();
        for (PresenceAudience a : this.audiences) {
            a.audiencesOf(users)
                    .forEach((userId, audience) -> audiences
                            .computeIfAbsent(userId, id -> new HashSet<>())
                            .addAll(audience));
        }
        for (PresenceChange change : batch) {
            Set<Long> audience = audiences.getOrDefault(change.userId(), Set.of());
            List<Topic> topics = audience.stream()
                    .filter(id -> id != change.userId())
                    .map(Topic::user)
                    .toList();
            if (!topics.isEmpty()) {
                broker.publish(new PresenceChanged(change.userId(), change.username(), change.online()), topics);
            }
        }
        for (PresenceListener listener : listeners) {
            listener.presenceChanged(batch);
        }
    }
}
