package org.parley.chat.presence;

/** One user's presence change, as it is announced: online (first socket) or offline (last socket). */
public record PresenceChange(long userId, String username, boolean online) {}
