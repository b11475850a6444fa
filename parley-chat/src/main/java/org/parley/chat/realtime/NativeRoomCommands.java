package org.parley.chat.realtime;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.parley.chat.broker.Topic;
import org.parley.chat.message.MessageService;
import org.parley.chat.message.RoomMessage;
import org.parley.chat.message.RoomMessagePage;
import org.parley.chat.room.Room;
import org.parley.chat.room.RoomMember;
import org.parley.chat.room.RoomService;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.user.ChatUser;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The room commands of the native socket (docs/protocol.md, "Rooms"): {@code rooms}, {@code room-join},
 * {@code room-leave}, {@code room-send}, {@code room-history}, {@code room-members} and, for staff,
 * {@code room-notice}. Each calls one service method; replies go to the asking socket only, events to the
 * room through the services.
 */
public class NativeRoomCommands implements NativeCommands {

    private static final int MAX_CLIENT_ID_LENGTH = 100;

    private final RoomService rooms;
    private final MessageService messages;
    private final SessionRegistry registry;
    private final NativeEventCodec codec;
    private final JsonMapper json;

    public NativeRoomCommands(
            RoomService rooms,
            MessageService messages,
            SessionRegistry registry,
            NativeEventCodec codec,
            JsonMapper json) {
        this.rooms = rooms;
        this.messages = messages;
        this.registry = registry;
        this.codec = codec;
        this.json = json;
    }

    private static final Set<String> TYPES =
            Set.of("rooms", "room-join", "room-leave", "room-send", "room-history", "room-members", "room-notice");

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public CompletionStage<?> handle(ChatConnection connection, String type, InboundFrame frame) {
        ChatUser user = connection.user();
        switch (type) {
            case "rooms" -> connection.send(roomList(user));
            case "room-join" -> join(connection, frame);
            case "room-leave" -> {
                Room room = rooms.leave(user, frame.requireLong("room_id"));
                // The membership event unsubscribes all of the user's sockets; this one even if it was stale.
                registry.unsubscribe(connection, Topic.room(room.id()));
                connection.send(json.writeValueAsString(
                        json.createObjectNode().put("type", "room-left").put("room_id", room.id())));
            }
            case "room-send" -> {
                String clientId = frame.optionalText("client_id");
                if (clientId != null && clientId.length() > MAX_CLIENT_ID_LENGTH) {
                    throw new ChatException(ErrorCode.WRONG_FIELD_TYPE, "The field 'client_id' is too long.");
                }
                return messages.submitToRoom(
                        user, frame.requireLong("room_id"), frame.requireText("message"), clientId);
            }
            case "room-history" ->
                connection.send(history(
                        user,
                        frame.requireLong("room_id"),
                        frame.optionalLong("before"),
                        frame.optionalLong("after"),
                        frame.optionalLong("limit")));
            case "room-members" -> connection.send(members(user, frame.requireLong("room_id")));
            case "room-notice" ->
                rooms.postNotice(
                        user,
                        frame.requireLong("room_id"),
                        (int) frame.requireLong("level"),
                        frame.requireText("message"));
            default -> throw new IllegalArgumentException("Not a room command: " + type);
        }
        return null;
    }

    /**
     * Joins (or re-opens) a room: subscribes this socket before reading history so no message falls between
     * the two, then replies {@code room-joined} with the members and a {@code room-history} page (the
     * newest messages, or those after {@code after} when a reconnecting client resumes).
     */
    private void join(ChatConnection connection, InboundFrame frame) {
        ChatUser user = connection.user();
        RoomService.Joined joined = rooms.join(user, frame.requireLong("room_id"));
        Room room = joined.room();
        registry.subscribe(connection, Topic.room(room.id()));
        ObjectNode reply = codec.room("room-joined", room.id(), room.title(), room.slug(), room.staffOnly())
                .put("joined_now", joined.joinedNow());
        reply.set("members", memberList(rooms.members(user, room.id())));
        connection.send(json.writeValueAsString(reply));
        connection.send(history(user, room.id(), null, frame.optionalLong("after"), null));
    }

    private String roomList(ChatUser user) {
        Set<Long> mine = new HashSet<>(rooms.roomIdsOf(user));
        ObjectNode reply = json.createObjectNode().put("type", "rooms");
        ArrayNode list = reply.putArray("rooms");
        for (Room room : rooms.roomsFor(user)) {
            list.add(codec.room(null, room.id(), room.title(), room.slug(), room.staffOnly())
                    .put("member", mine.contains(room.id())));
        }
        return json.writeValueAsString(reply);
    }

    private String history(ChatUser user, long roomId, Long before, Long after, Long limit) {
        RoomMessagePage page =
                messages.roomHistory(user, roomId, before, after, limit == null ? null : limit.intValue());
        ObjectNode reply = json.createObjectNode()
                .put("type", "room-history")
                .put("room_id", roomId)
                .put("direction", after != null ? "after" : "before")
                .put("has_more", page.hasMore());
        ArrayNode list = reply.putArray("messages");
        for (RoomMessage m : page.messages()) {
            list.add(codec.roomMessage(m));
        }
        return json.writeValueAsString(reply);
    }

    private String members(ChatUser user, long roomId) {
        ObjectNode reply = json.createObjectNode().put("type", "room-members").put("room_id", roomId);
        reply.set("members", memberList(rooms.members(user, roomId)));
        return json.writeValueAsString(reply);
    }

    private ArrayNode memberList(List<RoomMember> members) {
        ArrayNode list = json.createArrayNode();
        for (RoomMember m : members) {
            list.add(json.createObjectNode().put("username", m.username()).put("online", m.online()));
        }
        return list;
    }
}
