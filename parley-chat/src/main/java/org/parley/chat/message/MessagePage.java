package org.parley.chat.message;

import java.util.List;

/**
 * A page of history, oldest first.
 *
 * @param hasMore whether more messages lie beyond the page in the direction asked (older for
 *     {@code before}, newer for {@code after})
 */
public record MessagePage(List<ChatMessage> messages, boolean hasMore) {}
