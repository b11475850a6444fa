package org.parley.chat.dialog;

import java.time.Instant;

/** One row of a user's dialog list: the other user, the latest activity and what is unread. */
public record DialogSummary(long dialogId, long otherUserId, String otherUsername, Instant modified, long unread) {}
