package org.parley.chat.admin;

import org.parley.chat.message.MessageService;
import org.parley.chat.user.ChatUser;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff soft-delete and restore messages. Each change and its audit entry commit together; open pages are
 * told after the commit (through {@link MessageService}, the messages' one write path).
 */
public class MessageModeration {

    private final MessageService messages;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    public MessageModeration(MessageService messages, AuditLog audit, TransactionTemplate tx) {
        this.messages = messages;
        this.audit = audit;
        this.tx = tx;
    }

    /** Hides a message from users; false if it was already removed (nothing is recorded then). */
    public boolean remove(ChatUser staff, long messageId) {
        return change(staff, messageId, true);
    }

    /** Shows a removed message again; false if it was not removed. */
    public boolean restore(ChatUser staff, long messageId) {
        return change(staff, messageId, false);
    }

    private boolean change(ChatUser staff, long messageId, boolean removed) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (!messages.setRemoved(staff, messageId, removed)) {
                return false;
            }
            audit.record(
                    staff,
                    removed ? AdminAction.MESSAGE_REMOVED : AdminAction.MESSAGE_RESTORED,
                    "message",
                    messageId,
                    null);
            return true;
        }));
    }
}
