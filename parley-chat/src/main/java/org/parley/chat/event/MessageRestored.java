package org.parley.chat.event;

import java.time.Instant;

/**
 * Staff restored a soft-deleted dialog message. It carries the whole message, as history shows it, so open
 * pages can put it back where its id belongs without asking for it.
 */
public record MessageRestored(
        long messageId, long dialogId, long senderId, String senderUsername, String text, boolean read, Instant created)
        implements ChatEvent {}
