package org.parley.chat.admin;

import java.time.Instant;

/** A member of a room as the admin shows it: since when, and whether they are online now (on any node). */
public record AdminRoomMember(long userId, String username, Instant joined, boolean online) {}
