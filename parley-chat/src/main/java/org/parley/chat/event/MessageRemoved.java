package org.parley.chat.event;

/** A message was soft-deleted (or restored) and must disappear from (or reappear on) open pages. */
public record MessageRemoved(long messageId, long dialogId, boolean removed) implements ChatEvent {}
