package org.parley.chat.event;

/** Staff soft-deleted a dialog message: it must disappear from open pages. */
public record MessageRemoved(long messageId, long dialogId) implements ChatEvent {}
