package org.parley.chat.admin;

/**
 * What the admin's message list shows; every null or open field means "any".
 *
 * @param dialogId only this dialog's messages
 * @param roomId only this room's messages
 * @param sender only messages by this username
 * @param removed only removed ({@code true}) or only visible ({@code false}) messages
 * @param text only messages containing this text (case-insensitive)
 */
public record MessageFilter(
        Long dialogId, Long roomId, String sender, TimeRange created, Boolean removed, String text) {

    public static final MessageFilter ALL = new MessageFilter(null, null, null, TimeRange.ANY, null, null);

    public static MessageFilter ofDialog(long dialogId) {
        return new MessageFilter(dialogId, null, null, TimeRange.ANY, null, null);
    }
}
