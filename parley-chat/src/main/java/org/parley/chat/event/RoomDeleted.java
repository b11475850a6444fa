package org.parley.chat.event;

/**
 * A room is gone for the event's audience: deleted, or (for non-staff only) made staff-only. Carries no
 * title, so non-staff learn nothing about a room that became staff-only.
 */
public record RoomDeleted(long roomId) implements ChatEvent {}
