package org.parley.chat.event;

/** A user stopped being a member of a room (message level 5, "leave"). */
public record RoomMemberLeft(long roomId, long userId, String username) implements ChatEvent {}
