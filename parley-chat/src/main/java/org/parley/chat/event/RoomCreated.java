package org.parley.chat.event;

/** A room was created. Published to the room directory of staff only when the room is staff-only. */
public record RoomCreated(long roomId, String title, String slug, boolean staffOnly) implements ChatEvent {}
