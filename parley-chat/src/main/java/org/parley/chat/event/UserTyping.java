package org.parley.chat.event;

/** A user is typing in a dialog. Never stored. */
public record UserTyping(long dialogId, long typistId, String typistUsername, long recipientId) implements ChatEvent {}
