package org.parley.chat.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.parley.chat.message.ChatMessage;
import org.parley.chat.message.MessagePage;

/**
 * A page of messages for the API, newest first. To page back, pass the last message's id as {@code before};
 * to catch up, pass the first one's as {@code after}.
 *
 * @param hasMore whether more messages lie beyond this page in the direction asked (older for
 *     {@code before} or no cursor, newer for {@code after})
 */
public record MessageList(List<ChatMessage> messages, boolean hasMore) {

    static MessageList of(MessagePage page) {
        List<ChatMessage> newestFirst = new ArrayList<>(page.messages());
        Collections.reverse(newestFirst);
        return new MessageList(List.copyOf(newestFirst), page.hasMore());
    }
}
