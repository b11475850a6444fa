package org.parley.chat.realtime;

import java.util.Collection;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.ChatEvent;

/**
 * Decides which topics a connection listens to beyond its own user's. Features with shared topics (rooms)
 * provide one; it is the only code besides the handlers that subscribes connections in the
 * {@link SessionRegistry}.
 */
public interface SubscriptionPolicy {

    /** A connection was registered, before its user is announced online: subscribe it to its topics. */
    void opened(ChatConnection connection);

    /**
     * An event reached this node. Called on the delivering thread after the event's recipients were
     * chosen and before it is written to them, so a subscription ended here still gets this event.
     */
    void reached(ChatEvent event, Collection<Topic> topics);

    /** The link to the other nodes went down or came back ({@code up}); events may have been missed. */
    default void linkChanged(boolean up) {}
}
