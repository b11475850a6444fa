package org.parley.chat.event;

import java.time.Instant;

/**
 * A dialog message was stored.
 *
 * @param clientId the id the sender's client chose, echoed so it can match its own message (may be null)
 */
public record MessageCreated(
        long messageId,
        long dialogId,
        long senderId,
        String senderUsername,
        long recipientId,
        String recipientUsername,
        String text,
        Instant created,
        String clientId)
        implements ChatEvent {}
