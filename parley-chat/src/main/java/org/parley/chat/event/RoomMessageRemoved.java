package org.parley.chat.event;

/** Staff soft-deleted a room message: it must disappear from open pages. */
public record RoomMessageRemoved(long messageId, long roomId) implements ChatEvent {}
