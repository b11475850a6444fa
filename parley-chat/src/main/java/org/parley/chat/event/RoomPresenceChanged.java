package org.parley.chat.event;

/**
 * A member of a room came online (first socket opened) or went offline (last socket closed). The
 * multichat protocol shows these as enter (4) and leave (5) notices, as the original did when a socket
 * connected to or left a room.
 */
public record RoomPresenceChanged(long roomId, long userId, String username, boolean online) implements ChatEvent {}
