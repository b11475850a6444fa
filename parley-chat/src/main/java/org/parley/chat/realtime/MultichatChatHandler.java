package org.parley.chat.realtime;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
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
import org.springframework.context.MessageSource;
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

    /** The socket's language (its handshake's Accept-Language), for the muted notice. */
    private static final String LOCALE = MultichatChatHandler.class.getName() + ".locale";

    private final ChatUserDirectory users;
    private final RoomService rooms;
    private final MessageService messages;
    private final SessionRegistry registry;
    private final MultichatEventCodec codec;
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
        super(sockets, json, frameGuard);
        this.users = users;
        this.rooms = rooms;
        this.messages = messages;
        this.registry = registry;
        this.codec = codec;
        this.text = text;
        this.historySize = historySize;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        ChatUser user = loggedInUser(session, users);
        if (user == null) {
            return;
        }
        session.getAttributes().put(MultichatEventCodec.ROOM_ALIASES, new ConcurrentHashMap<Long, JsonNode>());
        session.getAttributes().put(LOCALE, localeOf(session));
        sockets.open(session, user, Protocol.MULTICHAT);
    }

    @Override
    protected CompletionStage<?> handle(ChatConnection connection, InboundFrame frame) {
        String command = frame.requireText("command");
        // The original's order: logged in, then the room, then access to it.
        ChatUser user = requireLoggedIn(connection);
        JsonNode room = frame.raw("room");
        switch (command) {
            case "join" -> join(connection, user, room);
            case "leave" -> leave(connection, user, room);
            case "send" -> {
                return send(user, room, frame);
            }
            default -> throw new ChatException(ErrorCode.UNKNOWN_TYPE, "Unknown command.");
        }
        return null;
    }

    /** {@code {"error":CODE}}, except that a muted sender sees the room's muted notice, as in the original. */
    @Override
    protected String refusal(ChatConnection connection, InboundFrame frame, ChatException e) {
        JsonNode room = frame == null ? null : frame.raw("room");
        if (e.code() == ErrorCode.USER_MUTED && room != null) {
            Locale locale = (Locale) connection.attribute(LOCALE);
            String notice = text.getMessage("parley.rooms.notice.muted", null, "You are muted.", locale);
            return json.writeValueAsString(
                    codec.message(RoomNotice.MUTED, room, connection.user().username(), notice));
        }
        return json.writeValueAsString(json.createObjectNode().put("error", codeOf(e)));
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

    private CompletionStage<?> send(ChatUser user, JsonNode room, InboundFrame frame) {
        long roomId = roomId(room);
        // A missing message is an empty one, refused after the room checks (the service's order).
        String text = frame.has("message") ? frame.requireText("message") : null;
        return messages.submitToRoom(user, roomId, text, null);
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

    private static Locale localeOf(WebSocketSession session) {
        List<Locale> locales = session.getHandshakeHeaders().getAcceptLanguageAsLocales();
        return locales.isEmpty() ? Locale.ENGLISH : locales.get(0);
    }
}
