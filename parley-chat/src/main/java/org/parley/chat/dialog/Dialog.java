package org.parley.chat.dialog;

import java.time.Instant;

/** A one-to-one conversation; one per pair of users whatever the direction. */
public record Dialog(long id, long ownerId, long opponentId, Instant created, Instant modified) {

    public boolean hasParticipant(long userId) {
        return ownerId == userId || opponentId == userId;
    }

    /** The participant who is not {@code userId}. */
    public long otherThan(long userId) {
        return ownerId == userId ? opponentId : ownerId;
    }
}
