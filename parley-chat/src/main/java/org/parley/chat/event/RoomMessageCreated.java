package org.parley.chat.event;

import java.time.Instant;

/**
 * A room message was stored. Goes to the room's topic only, so it is encoded once per protocol however many
 * members the room has.
 *
 * @param clientId the id the sender's client chose, echoed so it can match its own message (may be null)
 */
public record RoomMessageCreated(
        long messageId,
        long roomId,
        long senderId,
        String senderUsername,
        String text,
        Instant created,
        String clientId)
        implements ChatEvent {}
