package org.parley.chat.message;

/**
 * Where a stored message belongs, removed or not: for staff actions that must also reach removed messages.
 *
 * @param dialogId the message's dialog, or null for a room message
 * @param roomId the message's room, or null for a dialog message
 */
public record StoredMessage(long id, Long dialogId, Long roomId, long senderId, boolean removed) {}
