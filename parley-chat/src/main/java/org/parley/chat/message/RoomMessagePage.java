package org.parley.chat.message;

import java.util.List;

/**
 * A page of a room's history, oldest first.
 *
 * @param hasMore whether more messages lie beyond the page in the direction asked (older for
 *     {@code before}, newer for {@code after})
 */
public record RoomMessagePage(List<RoomMessage> messages, boolean hasMore) {}
