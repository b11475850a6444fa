package org.parley.chat.admin;

import java.time.Instant;

/** A dialog as staff see it in the admin: both participants and its times. */
public record AdminDialog(
        long id,
        long ownerId,
        String ownerUsername,
        long opponentId,
        String opponentUsername,
        Instant created,
        Instant modified) {}
