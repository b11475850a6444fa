package org.parley.chat.dialog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.DialogCreated;
import org.parley.chat.event.UserTyping;
import org.parley.chat.presence.PresenceAudience;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.system.ChatClock;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.springframework.dao.DuplicateKeyException;

/** Dialog actions: find or start a dialog, list a user's dialogs, tell a partner someone is typing. */
public class DialogService implements PresenceAudience {

    private final DialogRepository dialogs;
    private final DialogAccess access;
    private final ChatUserDirectory users;
    private final ChatBroker broker;
    private final ChatClock clock;

    public DialogService(
            DialogRepository dialogs,
            DialogAccess access,
            ChatUserDirectory users,
            ChatBroker broker,
            ChatClock clock) {
        this.dialogs = dialogs;
        this.access = access;
        this.users = users;
        this.broker = broker;
        this.clock = clock;
    }

    /** The user named {@code username}, or USER_NOT_FOUND. */
    public ChatUser requireUser(String username) {
        return users.findByUsername(username)
                .orElseThrow(() -> new ChatException(ErrorCode.USER_NOT_FOUND, "No user named " + username + "."));
    }

    /** The user with Parley id {@code id}, or USER_NOT_FOUND. */
    public ChatUser requireUserById(long id) {
        return users.findById(id).orElseThrow(() -> new ChatException(ErrorCode.USER_NOT_FOUND, "No such user."));
    }

    /**
     * The dialog between {@code me} and {@code other}, started now (and announced to both) if there was none.
     * Two users starting the same dialog at once get the same one: the database's pair constraint decides.
     */
    public Dialog getOrCreate(ChatUser me, ChatUser other) {
        if (me.id() == other.id()) {
            throw new ChatException(ErrorCode.INVALID_RECIPIENT, "You cannot start a dialog with yourself.");
        }
        var existing = dialogs.findByPair(me.id(), other.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        Dialog created;
        try {
            created = dialogs.insert(me.id(), other.id(), clock.now());
        } catch (DuplicateKeyException raced) {
            return dialogs.findByPair(me.id(), other.id()).orElseThrow(() -> raced);
        }
        broker.publish(
                new DialogCreated(created.id(), me.id(), me.username(), other.id(), other.username()),
                List.of(Topic.user(me.id()), Topic.user(other.id())));
        return created;
    }

    public List<DialogSummary> dialogsOf(ChatUser user) {
        return dialogs.summariesFor(user.id());
    }

    /** Tells {@code otherUsername} that {@code typist} is typing in their dialog. Nothing is stored. */
    public void typing(ChatUser typist, String otherUsername) {
        ChatUser other = requireUser(otherUsername);
        Dialog dialog = dialogs.findByPair(typist.id(), other.id())
                .orElseThrow(() -> new ChatException(ErrorCode.DIALOG_NOT_FOUND, "No such dialog."));
        typing(typist, dialog);
    }

    public void typing(ChatUser typist, long dialogId) {
        typing(typist, access.requireParticipant(typist, dialogId));
    }

    private void typing(ChatUser typist, Dialog dialog) {
        long recipient = dialog.otherThan(typist.id());
        broker.publish(
                new UserTyping(dialog.id(), typist.id(), typist.username(), recipient), List.of(Topic.user(recipient)));
    }

    /** Dialog partners are told when a user goes online or offline. */
    @Override
    public Collection<Long> audienceOf(long userId) {
        return dialogs.partnersOf(userId);
    }

    @Override
    public Map<Long, List<Long>> audiencesOf(Collection<Long> userIds) {
        return dialogs.partnersOf(Set.copyOf(userIds));
    }
}
