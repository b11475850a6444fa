package org.parley.chat.presence;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Presence for a single node: user id to the ids of its open connections. */
public class InMemoryPresenceStore implements PresenceStore {

    private final ConcurrentHashMap<Long, Set<String>> connections = new ConcurrentHashMap<>();

    @Override
    public boolean connect(long userId, String connectionId) {
        boolean[] first = {false};
        connections.compute(userId, (id, set) -> {
            Set<String> next = set == null ? new HashSet<>() : set;
            first[0] = next.isEmpty();
            next.add(connectionId);
            return next;
        });
        return first[0];
    }

    @Override
    public boolean disconnect(long userId, String connectionId) {
        boolean[] last = {false};
        connections.computeIfPresent(userId, (id, set) -> {
            if (set.remove(connectionId) && set.isEmpty()) {
                last[0] = true;
                return null;
            }
            return set.isEmpty() ? null : set;
        });
        return last[0];
    }

    @Override
    public boolean isOnline(long userId) {
        return connections.containsKey(userId);
    }

    @Override
    public Set<Long> onlineAmong(Collection<Long> userIds) {
        Set<Long> online = new HashSet<>();
        for (Long id : userIds) {
            if (connections.containsKey(id)) {
                online.add(id);
            }
        }
        return online;
    }
}
