package org.parley.chat.dialog;

import java.util.concurrent.ConcurrentHashMap;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.user.ChatUser;

/**
 * The one way to reach a dialog on behalf of a user. A dialog that does not exist and one the user is not
 * in give the same answer, so nobody learns which dialogs exist.
 */
public class DialogAccess {

    /** Dialogs remembered at most; past it the memory starts afresh (a dialog costs ~100 bytes). */
    private static final int MAX_REMEMBERED = 100_000;

    private final DialogRepository dialogs;
    // A dialog's two participants never change and dialogs are never deleted, so the answer for an id,
    // once found, holds for good: every message sent by dialog id would otherwise cost a query.
    private final ConcurrentHashMap<Long, Dialog> known = new ConcurrentHashMap<>();

    public DialogAccess(DialogRepository dialogs) {
        this.dialogs = dialogs;
    }

    /**
     * The dialog if {@code user} takes part in it, else DIALOG_NOT_FOUND. The result's {@code modified} time
     * may be older than the stored one: ask the repository when it matters.
     */
    public Dialog requireParticipant(ChatUser user, long dialogId) {
        Dialog dialog = known.get(dialogId);
        if (dialog == null) {
            dialog = dialogs.findById(dialogId).orElse(null);
            if (dialog != null) {
                if (known.size() >= MAX_REMEMBERED) {
                    known.clear();
                }
                known.put(dialogId, dialog);
            }
        }
        if (dialog == null || !dialog.hasParticipant(user.id())) {
            throw new ChatException(ErrorCode.DIALOG_NOT_FOUND, "No such dialog.");
        }
        return dialog;
    }
}
