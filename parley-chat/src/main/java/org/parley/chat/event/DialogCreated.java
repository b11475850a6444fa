package org.parley.chat.event;

/** A dialog between two users was created. */
public record DialogCreated(long dialogId, long ownerId, String ownerUsername, long opponentId, String opponentUsername)
        implements ChatEvent {}
