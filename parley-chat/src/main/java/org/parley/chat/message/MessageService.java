package org.parley.chat.message;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.dialog.Dialog;
import org.parley.chat.dialog.DialogAccess;
import org.parley.chat.dialog.DialogRepository;
import org.parley.chat.dialog.DialogService;
import org.parley.chat.dialog.DialogSummary;
import org.parley.chat.event.ChatEvent;
import org.parley.chat.event.MessageCreated;
import org.parley.chat.event.MessageRead;
import org.parley.chat.event.MessageRemoved;
import org.parley.chat.event.MessageRestored;
import org.parley.chat.event.RoomMessageCreated;
import org.parley.chat.event.RoomMessageRemoved;
import org.parley.chat.event.RoomMessageRestored;
import org.parley.chat.room.Room;
import org.parley.chat.room.RoomAccess;
import org.parley.chat.room.RoomRepository;
import org.parley.chat.support.AfterCommit;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.support.Futures;
import org.parley.chat.support.TokenBuckets;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUser;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one write path for messages, of dialogs and of rooms. Every message is committed before anyone is
 * told about it; events are published after the commit: a dialog message to the sender's and the
 * recipient's sessions, a room message to the room's topic (one publish whatever the number of members).
 */
public class MessageService {

    private final MessageRepository messages;
    private final DialogService dialogs;
    private final DialogAccess access;
    private final RoomAccess roomAccess;
    private final DialogRepository dialogRepository;
    private final ChatBroker broker;
    private final ChatClock clock;
    private final TransactionTemplate tx;
    private final TokenBuckets floodGuard;
    private final MessageBatcher writer;
    private final ParleyProperties.Messages settings;

    public MessageService(
            MessageRepository messages,
            DialogService dialogs,
            DialogAccess access,
            RoomAccess roomAccess,
            DialogRepository dialogRepository,
            ChatBroker broker,
            ChatClock clock,
            TransactionTemplate tx,
            MessageBatcher writer,
            ParleyProperties properties) {
        this.messages = messages;
        this.dialogs = dialogs;
        this.access = access;
        this.roomAccess = roomAccess;
        this.dialogRepository = dialogRepository;
        this.broker = broker;
        this.clock = clock;
        this.tx = tx;
        this.writer = writer;
        this.settings = properties.messages();
        this.floodGuard = new TokenBuckets(
                properties.rateLimit().messagesPerSecond(),
                properties.rateLimit().messageBurst());
    }

    /**
     * Stores a message from {@code sender} to the user named {@code recipientUsername}, starting their
     * dialog if needed, then tells both users' sessions; waits for the commit (see {@link #submit}).
     *
     * @param clientId the sender's own id for the message, echoed back; may be null
     */
    public ChatMessage send(ChatUser sender, String recipientUsername, String text, String clientId) {
        return Futures.await(submit(sender, recipientUsername, text, clientId));
    }

    /** Stores a message in a dialog the sender takes part in; waits for the commit. */
    public ChatMessage send(ChatUser sender, long dialogId, String text, String clientId) {
        return Futures.await(submit(sender, dialogId, text, clientId));
    }

    /**
     * {@link #send(ChatUser, String, String, String)} without waiting: the checks (text, recipient, flood)
     * are made now and throw; the result completes once the message is committed and both users' sessions
     * were told, on the writer's thread, or fails with what the write threw.
     */
    public CompletableFuture<ChatMessage> submit(
            ChatUser sender, String recipientUsername, String text, String clientId) {
        checkText(text);
        ChatUser recipient = dialogs.requireUser(recipientUsername);
        if (recipient.id() == sender.id()) {
            throw new ChatException(ErrorCode.INVALID_RECIPIENT, "You cannot send a message to yourself.");
        }
        checkFlood(sender);
        Dialog dialog = dialogs.getOrCreate(sender, recipient);
        return store(sender, recipient, dialog, text, clientId);
    }

    /** {@link #send(ChatUser, long, String, String)} without waiting, as {@link #submit(ChatUser, String, String, String)}. */
    public CompletableFuture<ChatMessage> submit(ChatUser sender, long dialogId, String text, String clientId) {
        checkText(text);
        Dialog dialog = access.requireParticipant(sender, dialogId);
        ChatUser recipient = dialogs.requireUserById(dialog.otherThan(sender.id()));
        checkFlood(sender);
        return store(sender, recipient, dialog, text, clientId);
    }

    /**
     * A page of a dialog's history for one of its participants, oldest first.
     *
     * @param beforeId only messages older than this id (load older), or null
     * @param afterId only messages newer than this id (catch up after a reconnect), or null
     * @param limit page size; null for the {@code parley.messages.page-size} setting
     */
    public MessagePage history(ChatUser user, long dialogId, Long beforeId, Long afterId, Integer limit) {
        access.requireParticipant(user, dialogId);
        int size = pageSize(limit);
        List<ChatMessage> rows = messages.page(dialogId, beforeId, afterId, size);
        return new MessagePage(trim(rows, size, afterId != null), rows.size() > size);
    }

    /**
     * Stores a message in a room the sender is a member of and tells the room. A muted sender gets
     * USER_MUTED; a room not joined ROOM_ACCESS_DENIED.
     *
     * @param clientId the sender's own id for the message, echoed back; may be null
     */
    public RoomMessage sendToRoom(ChatUser sender, long roomId, String text, String clientId) {
        return Futures.await(submitToRoom(sender, roomId, text, clientId));
    }

    /**
     * {@link #sendToRoom} without waiting: the checks throw now; the result completes once the message is
     * committed and published to the room, on the writer's thread, or fails with what the write threw.
     */
    public CompletableFuture<RoomMessage> submitToRoom(ChatUser sender, long roomId, String text, String clientId) {
        RoomRepository.Membership membership = roomAccess.requireMembership(sender, roomId);
        if (membership.muted()) {
            throw new ChatException(ErrorCode.USER_MUTED, "You are muted and cannot send messages.");
        }
        checkText(text);
        checkFlood(sender);
        Room room = membership.room();
        var now = clock.now();
        return writer.submitInRoom(room.id(), sender.id(), text, now).thenApply(id -> {
            broker.publish(
                    new RoomMessageCreated(
                            id, room.id(), sender.id(), sender.username(), text, now.toInstant(), clientId),
                    List.of(Topic.room(room.id())));
            return new RoomMessage(id, room.id(), sender.id(), sender.username(), text, now.toInstant());
        });
    }

    /**
     * A page of a room's history for one of its members, oldest first; same paging as {@link #history}.
     */
    public RoomMessagePage roomHistory(ChatUser user, long roomId, Long beforeId, Long afterId, Integer limit) {
        roomAccess.requireMember(user, roomId);
        int size = pageSize(limit);
        List<RoomMessage> rows = messages.roomPage(roomId, beforeId, afterId, size);
        return new RoomMessagePage(trim(rows, size, afterId != null), rows.size() > size);
    }

    /**
     * Soft-deletes (or restores) any message, for staff: it is kept in the database but users no longer see
     * it, and open pages are told: a dialog's two participants, or the room. A removal names the message; a
     * restoration carries all of it, so pages put it back in its place. They are told after the commit (the
     * caller's, when it wraps this in a transaction with its audit entry), so a rolled-back change is never
     * shown.
     *
     * @return false if the message already was in that state (nobody is told again)
     */
    public boolean setRemoved(ChatUser staff, long messageId, boolean removed) {
        if (staff == null || !staff.staff()) {
            throw new ChatException(ErrorCode.FORBIDDEN, "Only staff may do that.");
        }
        StoredMessage message = messages.findIncludingRemoved(messageId)
                .orElseThrow(() -> new ChatException(ErrorCode.MESSAGE_NOT_FOUND, "No such message."));
        if (!messages.setRemoved(messageId, removed, clock.now())) {
            return false;
        }
        if (message.roomId() != null) {
            ChatEvent event = removed ? new RoomMessageRemoved(messageId, message.roomId()) : restoredInRoom(messageId);
            AfterCommit.run(() -> broker.publish(event, List.of(Topic.room(message.roomId()))));
        } else {
            ChatEvent event = removed ? new MessageRemoved(messageId, message.dialogId()) : restored(messageId);
            dialogRepository
                    .findById(message.dialogId())
                    .ifPresent(d -> AfterCommit.run(
                            () -> broker.publish(event, List.of(Topic.user(d.ownerId()), Topic.user(d.opponentId())))));
        }
        return true;
    }

    /** The restored message as it is now visible (read in the restoring transaction). */
    private MessageRestored restored(long messageId) {
        ChatMessage m = messages.find(messageId).orElseThrow();
        return new MessageRestored(
                m.id(), m.dialogId(), m.senderId(), m.senderUsername(), m.text(), m.read(), m.created());
    }

    private RoomMessageRestored restoredInRoom(long messageId) {
        RoomMessage m = messages.findInRoom(messageId).orElseThrow();
        return new RoomMessageRestored(m.id(), m.roomId(), m.senderId(), m.senderUsername(), m.text(), m.created());
    }

    private int pageSize(Integer limit) {
        return limit == null ? settings.pageSize() : Math.max(1, Math.min(limit, settings.maxPageSize()));
    }

    /** One row too many was fetched to learn whether there is more: drop it from the far end. */
    private static <T> List<T> trim(List<T> rows, int size, boolean after) {
        if (rows.size() <= size) {
            return rows;
        }
        return after ? rows.subList(0, size) : rows.subList(1, rows.size());
    }

    /**
     * A page of history with the user named {@code otherUsername}, oldest first (see {@link #history}); empty
     * while the two have no dialog (reading never starts one).
     */
    public MessagePage historyWith(ChatUser user, String otherUsername, Long beforeId, Long afterId, Integer limit) {
        ChatUser other = dialogs.requireUser(otherUsername);
        if (other.id() == user.id()) {
            throw new ChatException(ErrorCode.INVALID_RECIPIENT, "There is no dialog with yourself.");
        }
        return dialogRepository
                .findByPair(user.id(), other.id())
                .map(d -> history(user, d.id(), beforeId, afterId, limit))
                .orElseGet(() -> new MessagePage(List.of(), false));
    }

    /** One page of the user's dialogs, latest activity first, each with its unread count and newest message. */
    public List<DialogOverview> overview(ChatUser user, int limit, long offset) {
        List<DialogSummary> page = dialogRepository.summariesFor(user.id(), limit, offset);
        Map<Long, ChatMessage> latest =
                messages.latestIn(page.stream().map(DialogSummary::dialogId).toList());
        return page.stream()
                .map(s -> new DialogOverview(
                        s.dialogId(),
                        s.otherUserId(),
                        s.otherUsername(),
                        s.modified(),
                        s.unread(),
                        latest.get(s.dialogId())))
                .toList();
    }

    /**
     * Marks a message read by its recipient and tells the sender's sockets ("your opponent read your
     * message") and the reader's own, so the reader's other tabs and devices lower their unread counts. Only
     * these two users: the event names who read what. Marking a read message again does nothing and tells
     * nobody, so a count drops once; a message the reader did not receive (their own, someone else's, a
     * removed one) is MESSAGE_NOT_FOUND.
     */
    public void markRead(ChatUser reader, long messageId) {
        ChatMessage message = messages.find(messageId)
                .filter(m -> m.senderId() != reader.id())
                .filter(m -> dialogRepository
                        .findById(m.dialogId())
                        .map(d -> d.hasParticipant(reader.id()))
                        .orElse(false))
                .orElseThrow(() -> new ChatException(ErrorCode.MESSAGE_NOT_FOUND, "No such message."));
        if (messages.markRead(messageId, clock.now())) {
            broker.publish(
                    new MessageRead(messageId, message.dialogId(), reader.id(), reader.username(), message.senderId()),
                    List.of(Topic.user(message.senderId()), Topic.user(reader.id())));
        }
    }

    private CompletableFuture<ChatMessage> store(
            ChatUser sender, ChatUser recipient, Dialog dialog, String text, String clientId) {
        var now = clock.now();
        // Inserted and the dialog touched in one transaction, committed (with others' messages) before the
        // event is published; this runs on the writer's thread right after the commit.
        return writer.submit(dialog.id(), sender.id(), text, now).thenApply(id -> {
            broker.publish(
                    new MessageCreated(
                            id,
                            dialog.id(),
                            sender.id(),
                            sender.username(),
                            recipient.id(),
                            recipient.username(),
                            text,
                            now.toInstant(),
                            clientId),
                    List.of(Topic.user(sender.id()), Topic.user(recipient.id())));
            return new ChatMessage(id, dialog.id(), sender.id(), sender.username(), text, false, now.toInstant());
        });
    }

    private void checkText(String text) {
        if (text == null || text.isBlank()) {
            throw new ChatException(ErrorCode.TEXT_EMPTY, "A message needs some text.");
        }
        if (text.indexOf('\u0000') >= 0) {
            // PostgreSQL cannot store NUL in text; refuse it the same way on every database.
            throw new ChatException(ErrorCode.TEXT_INVALID, "A message may not contain NUL characters.");
        }
        // Characters as users count them (code points), so an emoji is one, not two UTF-16 units.
        if (text.codePointCount(0, text.length()) > settings.maxLength()) {
            throw new ChatException(
                    ErrorCode.TEXT_TOO_LONG, "A message may have at most " + settings.maxLength() + " characters.");
        }
    }

    private void checkFlood(ChatUser sender) {
        if (!floodGuard.tryAcquire(sender.id())) {
            throw new ChatException(ErrorCode.RATE_LIMITED, "Too many messages; slow down.");
        }
    }
}
