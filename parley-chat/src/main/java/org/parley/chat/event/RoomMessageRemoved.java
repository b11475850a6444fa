package org.parley.chat.event;

/** A room message was soft-deleted (or restored) by staff and must disappear from (or reappear on) pages. */
public record RoomMessageRemoved(long messageId, long roomId, boolean removed) implements ChatEvent {}
