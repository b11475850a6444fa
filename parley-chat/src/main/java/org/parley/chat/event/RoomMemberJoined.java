package org.parley.chat.event;

/** A user became a member of a room (message level 4, "enter", for the members already there). */
public record RoomMemberJoined(long roomId, long userId, String username) implements ChatEvent {}
