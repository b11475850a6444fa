package org.parley.chat.event;

/** A user's first socket opened ({@code online}) or last socket closed (not {@code online}). */
public record PresenceChanged(long userId, String username, boolean online) implements ChatEvent {}
