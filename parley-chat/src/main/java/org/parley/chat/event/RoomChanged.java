package org.parley.chat.event;

/**
 * A room was renamed or its staff-only flag changed; the fields are the room as it is now. Clients treat it
 * as "add or update": a room that just became public is new to non-staff.
 */
public record RoomChanged(long roomId, String title, String slug, boolean staffOnly) implements ChatEvent {}
