package org.parley.chat.admin;

import java.time.Instant;

/**
 * A stored message as staff see it, removed or not.
 *
 * @param dialogId its dialog, or null for a room message
 * @param roomId its room, or null for a dialog message
 */
public record AdminMessage(
        long id,
        Long dialogId,
        Long roomId,
        long senderId,
        String senderUsername,
        String text,
        boolean read,
        boolean removed,
        Instant created,
        Instant modified) {}
