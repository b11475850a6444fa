package org.parley.chat.dialog;

import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.user.ChatUser;

/**
 * The one way to reach a dialog on behalf of a user. A dialog that does not exist and one the user is not
 * in give the same answer, so nobody learns which dialogs exist.
 */
public class DialogAccess {

    private final DialogRepository dialogs;

    public DialogAccess(DialogRepository dialogs) {
        this.dialogs = dialogs;
    }

    public Dialog requireParticipant(ChatUser user, long dialogId) {
        return dialogs.findById(dialogId)
                .filter(d -> d.hasParticipant(user.id()))
                .orElseThrow(() -> new ChatException(ErrorCode.DIALOG_NOT_FOUND, "No such dialog."));
    }
}
