package org.parley.chat.realtime;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.parley.chat.dialog.DialogService;
import org.parley.chat.message.ChatMessage;
import org.parley.chat.message.MessagePage;
import org.parley.chat.message.MessageService;
import org.parley.chat.presence.PresenceService;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.support.TokenBuckets;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parley's native socket (docs/protocol.md): parses a frame, checks it, and calls one service method.
 * Any refusal becomes an {@code error} frame to this socket alone; the socket stays open.
 */
public class NativeChatHandler extends ChatSocketHandler {

    private static final int MAX_CLIENT_ID_LENGTH = 100;
    /** Frame types that store a message, after which a sender hears if delivery is degraded. */
    private static final Set<String> STORED_MESSAGES = Set.of("new-message", "room-send");

    private final ChatUserDirectory users;
    private final MessageService messages;
    private final DialogService dialogs;
    private final PresenceService presence;
    private final NativeEventCodec codec;
    private final List<NativeCommands> extensions;

    public NativeChatHandler(
            ChatSockets sockets,
            ChatUserDirectory users,
            MessageService messages,
            DialogService dialogs,
            PresenceService presence,
            NativeEventCodec codec,
            JsonMapper json,
            TokenBuckets frameGuard) {
        this(sockets, users, messages, dialogs, presence, codec, json, frameGuard, List.of());
    }

    public NativeChatHandler(
            ChatSockets sockets,
            ChatUserDirectory users,
            MessageService messages,
            DialogService dialogs,
            PresenceService presence,
            NativeEventCodec codec,
            JsonMapper json,
            TokenBuckets frameGuard,
            List<NativeCommands> extensions) {
        super(sockets, json, frameGuard);
        this.users = users;
        this.messages = messages;
        this.dialogs = dialogs;
        this.presence = presence;
        this.codec = codec;
        this.extensions = extensions;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        ChatUser user = loggedInUser(session, users);
        if (user != null) {
            sockets.open(session, user, Protocol.NATIVE);
        }
    }

    @Override
    protected CompletionStage<?> handle(ChatConnection connection, InboundFrame frame) {
        frame.optionalText("client_id"); // one that is not text is refused before anything is done
        String type = frame.requireText("type");
        CompletionStage<?> stored = dispatch(connection, type, frame);
        if (stored == null || !STORED_MESSAGES.contains(type)) {
            return stored;
        }
        return stored.thenRun(() -> {
            if (sockets.deliveryDegraded()) {
                // Stored, but users on other nodes see it only once delivery is back and they catch up.
                connection.send(
                        reply("notice", "delivery-degraded", "Your message is saved; others will see it late.", frame));
            }
        });
    }

    @Override
    protected String refusal(ChatConnection connection, InboundFrame frame, ChatException e) {
        return reply("error", e.code().code(), e.getMessage(), frame);
    }

    /** Null when the frame is done; what completes when it is otherwise (a message being stored). */
    private CompletionStage<?> dispatch(ChatConnection connection, String type, InboundFrame frame) {
        ChatUser user = connection.user();
        switch (type) {
            case "new-message" -> {
                return newMessage(connection, frame);
            }
            case "is-typing" -> {
                if (frame.optionalBoolean("typing", true)) {
                    if (frame.has("dialog_id")) {
                        dialogs.typing(user, frame.requireLong("dialog_id"));
                    } else {
                        dialogs.typing(user, frame.requireText("username"));
                    }
                }
            }
            case "read_message" -> messages.markRead(user, frame.requireId("message_id"));
            case "check-online" -> connection.send(onlinePartners(user));
            case "history" -> connection.send(history(user, frame));
            case "online", "offline" -> {
                // Presence follows the sockets themselves; these old announcements change nothing.
            }
            default -> {
                for (NativeCommands extension : extensions) {
                    if (extension.types().contains(type)) {
                        return extension.handle(connection, type, frame);
                    }
                }
                throw new ChatException(ErrorCode.UNKNOWN_TYPE, "Unknown frame type '" + type + "'.");
            }
        }
        return null;
    }

    private CompletionStage<?> newMessage(ChatConnection connection, InboundFrame frame) {
        ChatUser user = connection.user();
        String text = frame.requireText("message");
        String clientId = frame.optionalText("client_id");
        if (clientId != null && clientId.length() > MAX_CLIENT_ID_LENGTH) {
            throw new ChatException(ErrorCode.WRONG_FIELD_TYPE, "The field 'client_id' is too long.");
        }
        if (frame.has("dialog_id")) {
            return messages.submit(user, frame.requireLong("dialog_id"), text, clientId);
        } else {
            String username = frame.requireText("username");
            try {
                return messages.submit(user, username, text, clientId);
            } catch (ChatException e) {
                if (e.code() == ErrorCode.USER_NOT_FOUND) {
                    // The original client has a handler for this frame type; the error frame follows.
                    connection.send(json.writeValueAsString(json.createObjectNode()
                            .put("type", "user-not-found")
                            .put("username", username)));
                }
                throw e;
            }
        }
    }

    /**
     * An {@code error} or {@code notice} frame about {@code frame}, repeating its {@code client_id} (when
     * usable) and its {@code room_id}, so a page shows it beside the right message and in the right room. A
     * frame not parsed, or refused for a {@code client_id} that is not text, is named by neither.
     */
    private String reply(String type, String code, String text, InboundFrame frame) {
        ObjectNode reply =
                json.createObjectNode().put("type", type).put("code", code).put("message", text);
        if (frame == null || (frame.has("client_id") && !frame.raw("client_id").isString())) {
            return json.writeValueAsString(reply);
        }
        String clientId = frame.optionalText("client_id");
        if (clientId != null && clientId.length() <= MAX_CLIENT_ID_LENGTH) {
            reply.put("client_id", clientId);
        }
        if (frame.hasLong("room_id")) {
            reply.put("room_id", frame.requireLong("room_id"));
        }
        return json.writeValueAsString(reply);
    }

    private String onlinePartners(ChatUser user) {
        ObjectNode frame = json.createObjectNode().put("type", "gone-online");
        ArrayNode names = frame.putArray("usernames");
        for (Long id : presence.onlineAmong(presence.audienceOf(user.id()))) {
            users.findById(id).ifPresent(u -> names.add(u.username()));
        }
        return json.writeValueAsString(frame);
    }

    private String history(ChatUser user, InboundFrame frame) {
        long dialogId = frame.has("dialog_id")
                ? frame.requireLong("dialog_id")
                : dialogs.getOrCreate(user, dialogs.requireUser(frame.requireText("username")))
                        .id();
        Long before = frame.optionalLong("before");
        Long after = frame.optionalLong("after");
        Long limit = frame.optionalLong("limit");
        MessagePage page = messages.history(user, dialogId, before, after, limit == null ? null : limit.intValue());
        ObjectNode reply = json.createObjectNode()
                .put("type", "history")
                .put("dialog_id", dialogId)
                .put("direction", after != null ? "after" : "before")
                .put("has_more", page.hasMore());
        ArrayNode list = reply.putArray("messages");
        for (ChatMessage m : page.messages()) {
            list.add(codec.message(m));
        }
        return json.writeValueAsString(reply);
    }
}
