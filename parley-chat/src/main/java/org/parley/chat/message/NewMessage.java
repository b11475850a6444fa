package org.parley.chat.message;

import java.time.OffsetDateTime;

/** A message for the group commit to write: exactly one of {@code dialogId} and {@code roomId} is non-zero. */
record NewMessage(long dialogId, long roomId, long senderId, String text, OffsetDateTime now) {}
