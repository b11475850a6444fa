package org.parley.chat.event;

/**
 * Something the directory says about a user changed (staff flag, display name, active or not): every node
 * drops what it cached about the user. Published to {@code Topic.everyNode()}; no socket receives it.
 */
public record UserChanged(long userId, String username) implements ChatEvent {}
