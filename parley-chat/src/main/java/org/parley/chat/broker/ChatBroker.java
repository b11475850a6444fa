package org.parley.chat.broker;

import java.util.Collection;
import org.parley.chat.event.ChatEvent;

/**
 * Carries committed events to the nodes whose local sessions want them.
 *
 * <p>Delivery: at most once per node per publish, in publish order for one publisher thread and topic.
 * A node that is cut off misses events; clients recover messages from the database by message id, so
 * only transient events (typing, presence changes) can be lost. Implementations are thread-safe and
 * {@link #publish} never blocks on a client.
 *
 * <p>See docs/architecture.md.
 */
public interface ChatBroker {

    /**
     * Publish {@code event} to every session subscribed to any of {@code topics}; a session subscribed to
     * several of them receives it once. Called after the event's write committed, so it does not throw for
     * a delivery problem (a failing socket, an unreachable node): that is logged, and clients catch up from
     * the database. Throwing would make the caller's client retry a write that already happened.
     */
    void publish(ChatEvent event, Collection<Topic> topics);

    /**
     * This node has its first local session interested in {@code topic}. Returns at once; a multi-node
     * broker may start delivering the topic's events a moment later, so a session loads history after it
     * subscribed rather than relying on events published around that moment.
     */
    void subscribe(Topic topic);

    /** This node's last local session interested in {@code topic} went away. */
    void unsubscribe(Topic topic);

    /** Where events reach this node; set once at start-up by the realtime layer. */
    void deliverTo(LocalDelivery delivery);

    /**
     * Whether events published now reach the other nodes. False while a multi-node broker is cut off from
     * them: events then reach this node's sessions only, and the others catch up from the database later.
     */
    default boolean connected() {
        return true;
    }

    /** Receives the events that reached this node. */
    @FunctionalInterface
    interface LocalDelivery {
        void deliver(ChatEvent event, Collection<Topic> topics);

        /**
         * The broker lost ({@code false}) or regained ({@code true}) its link to the other nodes. After a
         * regain, events flow again; what was published elsewhere in between is only in the database.
         */
        default void linkChanged(boolean up) {}
    }
}
