package org.parley.chat.privatechat;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
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

    private static final Logger log = LoggerFactory.getLogger(PrivateChatHandler.class);

    private final ChatUserDirectory users;
    private final MessageService messages;
    private final DialogService dialogs;
    private final PresenceService presence;
    private final JsonMapper json;
    private final TokenBuckets frameGuard;

    PrivateChatHandler(
            ChatSockets sockets,
            ChatUserDirectory users,
            MessageService messages,
            DialogService dialogs,
            PresenceService presence,
            JsonMapper json,
            TokenBuckets frameGuard) {
        super(sockets);
        this.users = users;
        this.messages = messages;
        this.dialogs = dialogs;
        this.presence = presence;
        this.json = json;
        this.frameGuard = frameGuard;
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
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        ChatConnection connection = sockets.of(session);
        if (connection == null) {
            return;
        }
        connection.heard();
        try {
            if (!frameGuard.tryAcquire(connection.user().id())) {
                throw new ChatException(ErrorCode.RATE_LIMITED, "Too many packets; slow down.");
            }
            InboundFrame frame = InboundFrame.parse(json, message.getPayload());
            requireSessionKey(connection, frame);
            handle(connection, frame.requireText("type"), frame);
        } catch (ChatException e) {
            connection.send(error(e.code(), e.getMessage()));
        } catch (DataAccessException e) {
            log.error("Database failure handling a packet from {}: {}", connection, e.toString());
            connection.send(error(ErrorCode.UNAVAILABLE, "The chat is unavailable right now; try again."));
        } catch (RuntimeException e) {
            log.error("Failure handling a packet from {}", connection, e);
            connection.send(error(ErrorCode.INTERNAL_ERROR, "Something went wrong on the server."));
        }
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

    private void handle(ChatConnection connection, String type, InboundFrame frame) {
        ChatUser user = connection.user();
        switch (type) {
            case "new-message" -> newMessage(connection, frame);
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
    }

    private void newMessage(ChatConnection connection, InboundFrame frame) {
        String username = frame.requireText("username");
        String text = frame.requireText("message");
        try {
            messages.send(connection.user(), username, text, null);
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

    private String error(ErrorCode code, String text) {
        return json.writeValueAsString(json.createObjectNode()
                .put("type", "error")
                .put("code", code.code())
                .put("message", htmlEscape(text)));
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        ChatConnection connection = sockets.of(session);
        if (connection != null) {
            connection.heard();
            connection.send(error(ErrorCode.BINARY_NOT_SUPPORTED, "Send JSON text frames, not binary ones."));
        }
    }
}
