package org.parley.chat.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.parley.chat.message.ChatMessage;
import org.parley.chat.message.MessagePage;
import org.parley.chat.message.RoomMessage;
import org.parley.chat.message.RoomMessagePage;

/**
 * A page of messages for the API, newest first. To page back, pass the last message's id as {@code before};
 * to catch up, pass the first one's as {@code after}.
 *
 * @param hasMore whether more messages lie beyond this page in the direction asked (older for
 *     {@code before} or no cursor, newer for {@code after})
 */
public record MessageList<T>(List<T> messages, boolean hasMore) {

    static MessageList<ChatMessage> of(MessagePage page) {
        return new MessageList<>(newestFirst(page.messages()), page.hasMore());
    }

    static MessageList<RoomMessage> of(RoomMessagePage page) {
        return new MessageList<>(newestFirst(page.messages()), page.hasMore());
    }

    private static <T> List<T> newestFirst(List<T> oldestFirst) {
        List<T> reversed = new ArrayList<>(oldestFirst);
        Collections.reverse(reversed);
        return List.copyOf(reversed);
    }
}
