package org.parley.chat.message;

import java.time.Instant;

/** A stored message as users see it (removed messages are never turned into one of these for users). */
public record ChatMessage(
        long id, long dialogId, long senderId, String senderUsername, String text, boolean read, Instant created) {}
