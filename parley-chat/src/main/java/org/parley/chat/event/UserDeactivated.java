package org.parley.chat.event;

/**
 * A user was deactivated: every node closes that user's sockets at once (close code 4003, account disabled).
 * Published to the user's topic, so it reaches each node that holds one of their sockets, and to
 * {@code Topic.everyNode()}, so every node also drops what it cached about the user.
 */
public record UserDeactivated(long userId, String username) implements ChatEvent {}
