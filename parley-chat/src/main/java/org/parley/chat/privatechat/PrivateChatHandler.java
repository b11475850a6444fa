package org.parley.chat.privatechat;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.CompletionStage;
import org.parley.chat.dialog.DialogService;
import org.parley.chat.message.MessageService;
import org.parley.chat.presence.PresenceService;
import org.parley.chat.realtime.ChatConnection;
import org.parley.chat.realtime.ChatSocketHandler;
import org.parley.chat.realtime.ChatSockets;
import org.parley.chat.realtime.InboundFrame;
import org.parley.chat.realtime.Protocol;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.support.TokenBuckets;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * django-private-chat's socket (docs/protocol.md, "django-private-chat compatibility"): checks each packet's
 * {@code session_key} against the one the socket was opened with, then calls one service method. Any
 * refusal is an {@code error} frame to this socket alone; the socket and everyone else carry on.
 *
 * <p>{@code online} and {@code offline} change nothing: presence follows the sockets themselves (online
 * with the first socket, offline when the last closes, however it closed), so a second tab's
 * {@code offline} cannot make a user who is still there look gone.
 */
class PrivateChatHandler extends ChatSocketHandler {

    private final ChatUserDirectory users;
    private final MessageService messages;
    private final DialogService dialogs;
    private final PresenceService presence;

    PrivateChatHandler(
            ChatSockets sockets,
            ChatUserDirectory users,
            MessageService messages,
            DialogService dialogs,
            PresenceService presence,
            JsonMapper json,
            TokenBuckets frameGuard) {
        super(sockets, json, frameGuard);
        this.users = users;
        this.messages = messages;
        this.dialogs = dialogs;
        this.presence = presence;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        var ticket = (PrivateChatTicket) session.getAttributes().get(PrivateChatTicket.ATTRIBUTE);
        if (ticket == null) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("session key required"));
            return;
        }
        sockets.open(session, ticket.user(), Protocol.PRIVATE_CHAT);
    }

    @Override
    protected CompletionStage<?> handle(ChatConnection connection, InboundFrame frame) {
        requireSessionKey(connection, frame);
        return dispatch(connection, frame.requireText("type"), frame);
    }

    @Override
    protected String refusal(ChatConnection connection, InboundFrame frame, ChatException e) {
        return json.writeValueAsString(json.createObjectNode()
                .put("type", "error")
                .put("code", e.code().code())
                .put("message", htmlEscape(e.getMessage())));
    }

    /** The original's word for a frame, kept in this protocol's refusal. */
    @Override
    protected ChatException tooManyFrames() {
        return new ChatException(ErrorCode.RATE_LIMITED, "Too many packets; slow down.");
    }

    /** Every packet repeats the key of its socket; another key is refused (and never echoed). */
    private static void requireSessionKey(ChatConnection connection, InboundFrame frame) {
        String key = frame.requireText("session_key");
        byte[] expected = PrivateChatTicket.of(connection).sessionKey().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, key.getBytes(StandardCharsets.UTF_8))) {
            throw new ChatException(
                    ErrorCode.SESSION_KEY_MISMATCH,
                    "The session_key differs from the one this socket was opened with.");
        }
    }

    /** Null when the frame is done; what completes when it is otherwise (a message being stored). */
    private CompletionStage<?> dispatch(ChatConnection connection, String type, InboundFrame frame) {
        ChatUser user = connection.user();
        switch (type) {
            case "new-message" -> {
                return newMessage(connection, frame);
            }
            case "is-typing" -> {
                String username = frame.requireText("username");
                if (frame.optionalBoolean("typing", true)) {
                    dialogs.typing(user, username);
                }
            }
            case "read_message" -> messages.markRead(user, frame.requireId("message_id"));
            case "check-online" -> connection.send(onlinePartners(user));
            case "online", "offline" -> {
                // Presence follows the sockets themselves (see the class comment).
            }
            default -> throw new ChatException(ErrorCode.UNKNOWN_TYPE, "Unknown packet type '" + type + "'.");
        }
        return null;
    }

    private CompletionStage<?> newMessage(ChatConnection connection, InboundFrame frame) {
        String username = frame.requireText("username");
        String text = frame.requireText("message");
        try {
            return messages.submit(connection.user(), username, text, null);
        } catch (ChatException e) {
            if (e.code() == ErrorCode.USER_NOT_FOUND) {
                // The original page has a handler for this frame; the error frame follows for everyone else.
                connection.send(json.writeValueAsString(
                        json.createObjectNode().put("type", "user-not-found").put("username", htmlEscape(username))));
            }
            throw e;
        }
    }

    /** {@code gone-online} listing the user's dialog partners who are online now, to this socket only. */
    private String onlinePartners(ChatUser user) {
        ObjectNode frame = json.createObjectNode().put("type", "gone-online");
        ArrayNode names = frame.putArray("usernames");
        for (Long id : presence.onlineAmong(presence.audienceOf(user.id()))) {
            users.findById(id).ifPresent(u -> names.add(htmlEscape(u.username())));
        }
        return json.writeValueAsString(frame);
    }
}
