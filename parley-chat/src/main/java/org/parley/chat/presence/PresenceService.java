package org.parley.chat.presence;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.PresenceChanged;
import org.parley.chat.user.ChatUser;

/**
 * Presence is per user, not per page: online while any socket is open. The first socket announces
 * {@code online} and the last one's close announces {@code offline} to the user's audience.
 */
public class PresenceService {

    private final PresenceStore store;
    private final List<PresenceAudience> audiences;
    private final ChatBroker broker;

    public PresenceService(PresenceStore store, List<PresenceAudience> audiences, ChatBroker broker) {
        this.store = store;
        this.audiences = audiences;
        this.broker = broker;
    }

    public void connected(ChatUser user, String connectionId) {
        if (store.connect(user.id(), connectionId)) {
            announce(user.id(), user.username(), true);
        }
    }

    public void disconnected(ChatUser user, String connectionId) {
        if (store.disconnect(user.id(), connectionId)) {
            announce(user.id(), user.username(), false);
        }
    }

    /**
     * Announces that a user went offline without a local disconnect (a dead node's users, found by a
     * remote presence store).
     */
    public void expired(long userId, String username) {
        announce(userId, username, false);
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

    private void announce(long userId, String username, boolean online) {
        Set<Long> audience = audienceOf(userId);
        if (audience.isEmpty()) {
            return;
        }
        broker.publish(
                new PresenceChanged(userId, username, online),
                audience.stream().map(Topic::user).toList());
    }
}
