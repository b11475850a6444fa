package org.parley.chat.event;

/** The recipient of a dialog message read it. */
public record MessageRead(long messageId, long dialogId, long readerId, String readerUsername, long senderId)
        implements ChatEvent {}
