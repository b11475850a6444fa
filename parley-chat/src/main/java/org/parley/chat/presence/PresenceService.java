package org.parley.chat.presence;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * Opening a socket now costs no presence query at all.
 */
public class PresenceService {

    private static final Logger log = LoggerFactory.getLogger(PresenceService.class);

    private static final int LOCK_STRIPES = 64;

    private final PresenceStore store;
    private final List<PresenceAudience> audiences;
    private final ChatBroker broker;
    private final Object[] locks = new Object[LOCK_STRIPES];
    private final List<PresenceListener> listeners;
    private final Announcer announcer;

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

    /** Queues the announcement; called under the user's lock, so the queue has the store's order. */
    private void announce(long userId, String username, boolean online) {
        Runnable announcement = () -> {
            try {
                tell(userId, username, online);
            } catch (RuntimeException e) {
                // The state itself is right (the store has it); only this announcement is lost, e.g. while the
                // database is away. Clients ask for presence again when they open a dialog or reconnect.
                log.warn("Announcing {} {} failed: {}", username, online ? "online" : "offline", e.toString());
            }
        };
        announcer.submit(announcement);
    }

    private void tell(long userId, String username, boolean online) {
        Set<Long> audience = audienceOf(userId);
        if (!audience.isEmpty()) {
            broker.publish(
                    new PresenceChanged(userId, username, online),
                    audience.stream().map(Topic::user).toList());
        }
        for (PresenceListener listener : listeners) {
            listener.presenceChanged(userId, username, online);
        }
    }
}
