package org.parley.chat.room;

/** A member of a room as a room page lists it. */
public record RoomMember(long userId, String username, boolean online) {}
