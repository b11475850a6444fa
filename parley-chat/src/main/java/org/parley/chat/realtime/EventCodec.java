package org.parley.chat.realtime;

import org.parley.chat.event.ChatEvent;

/**
 * Turns events into one protocol's frame text. {@link LocalDispatcher} calls {@link #encode} at most once
 * per event and {@link #variant} and shares the result among all recipients of that protocol and variant.
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

    /**
     * Which form of the frame {@code connection} needs, when a protocol cannot send every recipient the
     * same text (multichat echoes a room id in the form each client sent it). Connections with equal
     * variants share one encoding; null (the default) is the common form. Keep the number of variants per
     * event small: each costs one more encoding.
     */
    default Object variant(ChatConnection connection, ChatEvent event) {
        return null;
    }

    /** The frame for {@code event} in the variant {@code connection} needs; by default the common form. */
    default String encode(ChatEvent event, ChatConnection connection) {
        return encode(event);
    }
}
