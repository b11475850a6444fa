package org.parley.chat.admin;

import java.time.Instant;

/** A stored message as staff see it, removed or not. */
public record AdminMessage(
        long id,
        long dialogId,
        long senderId,
        String senderUsername,
        String text,
        boolean read,
        boolean removed,
        Instant created,
        Instant modified) {}
