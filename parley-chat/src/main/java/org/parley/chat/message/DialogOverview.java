package org.parley.chat.message;

import java.time.Instant;

/**
 * One row of a user's dialog list for the API: the other user, the latest activity, what is unread and the
 * newest visible message (null in a dialog without one).
 */
public record DialogOverview(
        long dialogId,
        long otherUserId,
        String otherUsername,
        Instant modified,
        long unread,
        ChatMessage lastMessage) {}
