package org.parley.chat.realtime;

import org.parley.chat.event.ChatEvent;

/**
 * Turns events into one protocol's frame text. {@link LocalDispatcher} calls {@link #encode} at most once
 * per event and shares the result among all recipients of that protocol.
 */
public interface EventCodec {

    Protocol protocol();

    /** The frame for {@code event}, or null if this protocol does not show such events. */
    String encode(ChatEvent event);

    /**
     * Whether a connection of this protocol, subscribed to one of the event's topics, should get it (e.g.
     * a private-chat socket only shows its own dialog's messages). Default: yes.
     */
    default boolean wants(ChatConnection connection, ChatEvent event) {
        return true;
    }
}
