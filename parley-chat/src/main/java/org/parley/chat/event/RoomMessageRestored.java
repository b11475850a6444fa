package org.parley.chat.event;

import java.time.Instant;

/**
 * Staff restored a soft-deleted room message. It carries the whole message, as the room's history shows it,
 * so open pages can put it back where its id belongs.
 */
public record RoomMessageRestored(
        long messageId, long roomId, long senderId, String senderUsername, String text, Instant created)
        implements ChatEvent {}
