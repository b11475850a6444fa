package org.parley.chat.realtime;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.RoomNotice;
import org.parley.chat.message.MessageService;
import org.parley.chat.message.RoomMessage;
import org.parley.chat.room.Room;
import org.parley.chat.room.RoomAccess;
import org.parley.chat.room.RoomService;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.support.TokenBuckets;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Channels multichat client's socket ({@code parley.rooms.multichat-path}, docs/protocol.md
 * "Multichat"): {@code join}, {@code leave} and {@code send} in, the original's frames out. Where the
 * original closed the socket (a missing key, a bad room, a frame that is not JSON), this answers
 * {@code {"error":CODE}} to the sender alone and keeps the socket.
 */
public class MultichatChatHandler extends ChatSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(MultichatChatHandler.class);

    private final ChatUserDirectory users;
    private final RoomService rooms;
    private final MessageService messages;
    private final SessionRegistry registry;
    private final MultichatEventCodec codec;
    private final JsonMapper json;
    private final TokenBuckets frameGuard;
    private final MessageSource text;
    private final int historySize;

    public MultichatChatHandler(
            ChatSockets sockets,
            ChatUserDirectory users,
            RoomService rooms,
            MessageService messages,
            SessionRegistry registry,
            MultichatEventCodec codec,
            JsonMapper json,
            TokenBuckets frameGuard,
            MessageSource text,
            int historySize) {
        super(sockets);
        this.users = users;
        this.rooms = rooms;
        this.messages = messages;
        this.registry = registry;
        this.codec = codec;
        this.json = json;
        this.frameGuard = frameGuard;
        this.text = text;
        this.historySize = historySize;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        Principal principal = session.getPrincipal();
        ChatUser user = principal == null
                ? null
                : users.findByUsername(principal.getName()).orElse(null);
        if (user == null) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("login required"));
            return;
        }
        session.getAttributes().put(MultichatEventCodec.ROOM_ALIASES, new ConcurrentHashMap<Long, JsonNode>());
        sockets.open(session, user, Protocol.MULTICHAT);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        ChatConnection connection = sockets.of(session);
        if (connection == null) {
            return;
        }
        connection.heard();
        JsonNode room = null;
        try {
            if (!frameGuard.tryAcquire(connection.user().id())) {
                throw new ChatException(ErrorCode.RATE_LIMITED, "Too many frames; slow down.");
            }
            InboundFrame frame = InboundFrame.parse(json, message.getPayload());
            String command = frame.requireText("command");
            // The original's order: logged in, then the room, then access to it.
            ChatUser user = requireLoggedIn(connection);
            room = frame.raw("room");
            switch (command) {
                case "join" -> join(connection, user, room);
                case "leave" -> leave(connection, user, room);
                case "send" -> send(connection, user, room, frame);
                default -> throw new ChatException(ErrorCode.UNKNOWN_TYPE, "Unknown command.");
            }
        } catch (ChatException e) {
            if (e.code() == ErrorCode.USER_MUTED && room != null) {
                String notice = text.getMessage("parley.rooms.notice.muted", null, "You are muted.", localeOf(session));
                connection.send(json.writeValueAsString(
                        codec.message(RoomNotice.MUTED, room, connection.user().username(), notice)));
            } else {
                connection.send(error(codeOf(e)));
            }
        } catch (DataAccessException e) {
            log.error("Database failure handling a frame from {}: {}", connection, e.toString());
            connection.send(error("UNAVAILABLE"));
        } catch (RuntimeException e) {
            log.error("Failure handling a frame from {}", connection, e);
            connection.send(error("INTERNAL_ERROR"));
        }
    }

    private void join(ChatConnection connection, ChatUser user, JsonNode room) {
        long roomId = roomId(room);
        Room joined = rooms.join(user, roomId).room();
        registry.subscribe(connection, Topic.room(roomId));
        remember(connection, roomId, room);
        ObjectNode reply = json.createObjectNode();
        reply.set("join", room);
        reply.put("title", MultichatEventCodec.escape(joined.title()));
        connection.send(json.writeValueAsString(reply));
        if (historySize > 0) {
            List<RoomMessage> page =
                    messages.roomHistory(user, roomId, null, null, historySize).messages();
            for (RoomMessage m : page) {
                connection.send(json.writeValueAsString(
                        codec.message(MultichatEventCodec.MESSAGE, room, m.senderUsername(), m.text())));
            }
        }
    }

    private void leave(ChatConnection connection, ChatUser user, JsonNode room) {
        long roomId = roomId(room);
        rooms.leave(user, roomId);
        registry.unsubscribe(connection, Topic.room(roomId));
        aliases(connection).remove(roomId);
        ObjectNode reply = json.createObjectNode();
        reply.set("leave", room);
        connection.send(json.writeValueAsString(reply));
    }

    private void send(ChatConnection connection, ChatUser user, JsonNode room, InboundFrame frame) {
        long roomId = roomId(room);
        // A missing message is an empty one, refused after the room checks (the service's order).
        String text = frame.has("message") ? frame.requireText("message") : null;
        messages.sendToRoom(user, roomId, text, null);
    }

    /** The user, if still active: a deactivated account's socket gets USER_HAS_TO_LOGIN for every command. */
    private ChatUser requireLoggedIn(ChatConnection connection) {
        return users.findById(connection.user().id())
                .orElseThrow(() -> new ChatException(ErrorCode.NOT_LOGGED_IN, "Log in again."));
    }

    /** The room as the original accepted it: a string of digits (what its client sends) or a number. */
    private static long roomId(JsonNode room) {
        if (room != null && room.isString() && room.asString().matches("\\d{1,18}")) {
            return Long.parseLong(room.asString());
        }
        if (room != null && room.isIntegralNumber() && room.canConvertToLong()) {
            return room.asLong();
        }
        throw new ChatException(ErrorCode.ROOM_NOT_FOUND, "No such room.");
    }

    /** Remembers a room id the client wrote in a non-canonical form, so broadcasts echo that form. */
    private static void remember(ChatConnection connection, long roomId, JsonNode room) {
        Map<Long, JsonNode> aliases = aliases(connection);
        if (room.isString() && room.asString().equals(Long.toString(roomId))) {
            aliases.remove(roomId);
        } else {
            aliases.put(roomId, room);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, JsonNode> aliases(ChatConnection connection) {
        return (Map<Long, JsonNode>) connection.attribute(MultichatEventCodec.ROOM_ALIASES);
    }

    /** The original's error codes where it had one; Parley's own (upper case) for what it never answered. */
    static String codeOf(ChatException e) {
        if (e instanceof RoomAccess.HiddenRoom) {
            return "ROOM_ACCESS_DENIED";
        }
        return switch (e.code()) {
            case ROOM_NOT_FOUND -> "ROOM_INVALID";
            case ROOM_ACCESS_DENIED -> "ROOM_ACCESS_DENIED";
            case NOT_LOGGED_IN -> "USER_HAS_TO_LOGIN";
            case TEXT_EMPTY -> "MESSAGE_EMPTY";
            case TEXT_TOO_LONG -> "MESSAGE_TOO_LONG";
            case UNKNOWN_TYPE -> "UNKNOWN_COMMAND";
            default -> e.code().name();
        };
    }

    private String error(String code) {
        return json.writeValueAsString(json.createObjectNode().put("error", code));
    }

    private static Locale localeOf(WebSocketSession session) {
        List<Locale> locales = session.getHandshakeHeaders().getAcceptLanguageAsLocales();
        return locales.isEmpty() ? Locale.ENGLISH : locales.get(0);
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        ChatConnection connection = sockets.of(session);
        if (connection != null) {
            connection.heard();
            connection.send(error(ErrorCode.BINARY_NOT_SUPPORTED.name()));
        }
    }
}
