package org.parley.chat.message;

import java.time.Instant;

/** A stored room message as members see it (removed messages are never turned into one of these). */
public record RoomMessage(long id, long roomId, long senderId, String senderUsername, String text, Instant created) {}
