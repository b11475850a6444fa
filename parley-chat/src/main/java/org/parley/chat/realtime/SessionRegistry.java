package org.parley.chat.realtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;

/**
 * The one registry of this node's open sockets: connection id to connection, and topic (a user, a room) to
 * the connections subscribed to it. One register and one unregister path; reads return copies.
 *
 * <p>The broker is told when a topic gets its first local subscriber and after its last one leaves, so a
 * multi-node broker listens only to what this node needs. Those calls happen under the topic's map entry
 * lock, so subscribe and unsubscribe of one topic never cross.
 */
public class SessionRegistry {

    private final ChatBroker broker;
    private final ConcurrentHashMap<String, ChatConnection> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Topic, Set<ChatConnection>> subscribers = new ConcurrentHashMap<>();

    public SessionRegistry(ChatBroker broker) {
        this.broker = broker;
    }

    /** Adds a connection and subscribes it to its user's topic. */
    public void register(ChatConnection connection) {
        connections.put(connection.id(), connection);
        subscribe(connection, Topic.user(connection.user().id()));
    }

    /** Removes a connection from every topic; false if it was not registered (already removed). */
    public boolean unregister(ChatConnection connection) {
        if (connections.remove(connection.id()) == null) {
            return false;
        }
        for (Topic topic : List.copyOf(connection.topics())) {
            unsubscribe(connection, topic);
        }
        return true;
    }

    /**
     * Subscribes a registered connection to a topic; true if it was not subscribed before. A connection
     * that is not (or no longer) registered is not subscribed: a subscription racing with the socket's
     * close (say, a room joined on another tab just then) undoes itself instead of leaving the closed
     * connection, and the broker's subscription, behind.
     */
    public boolean subscribe(ChatConnection connection, Topic topic) {
        if (!connections.containsKey(connection.id())) {
            return false;
        }
        boolean[] added = {false};
        subscribers.compute(topic, (t, set) -> {
            Set<ChatConnection> next = set == null ? ConcurrentHashMap.newKeySet() : set;
            if (next.isEmpty()) {
                broker.subscribe(t);
            }
            added[0] = next.add(connection);
            // Recorded before the entry is released, so an unregister that follows sees it.
            connection.topics().add(topic);
            return next;
        });
        if (!connections.containsKey(connection.id())) {
            // Unregistered meanwhile, possibly before it could see this topic: undo.
            unsubscribe(connection, topic);
            return false;
        }
        return added[0];
    }

    /** Unsubscribes a connection from a topic; true if it was subscribed. */
    public boolean unsubscribe(ChatConnection connection, Topic topic) {
        boolean[] removed = {false};
        subscribers.computeIfPresent(topic, (t, set) -> {
            removed[0] = set.remove(connection);
            if (set.isEmpty()) {
                broker.unsubscribe(t);
                return null;
            }
            return set;
        });
        connection.topics().remove(topic);
        return removed[0];
    }

    /** The connections subscribed to any of {@code topics}, each once. */
    public List<ChatConnection> subscribersOf(Collection<Topic> topics) {
        if (topics.size() == 1) {
            Set<ChatConnection> set = subscribers.get(topics.iterator().next());
            return set == null ? List.of() : new ArrayList<>(set);
        }
        Set<ChatConnection> union = new LinkedHashSet<>();
        for (Topic topic : topics) {
            Set<ChatConnection> set = subscribers.get(topic);
            if (set != null) {
                union.addAll(set);
            }
        }
        return new ArrayList<>(union);
    }

    /** This node's open connections of one user. */
    public List<ChatConnection> connectionsOf(long userId) {
        return subscribersOf(List.of(Topic.user(userId)));
    }

    public List<ChatConnection> all() {
        return new ArrayList<>(connections.values());
    }

    public int size() {
        return connections.size();
    }

    /** Whether any local connection listens to {@code topic}. */
    public boolean hasSubscribers(Topic topic) {
        return subscribers.containsKey(topic);
    }
}
