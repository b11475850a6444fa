package org.parley.server.chat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.parley.chat.broker.Topic;
import org.parley.chat.realtime.Protocol;
import org.parley.chat.room.Room;
import org.parley.chat.room.RoomService;
import org.parley.chat.user.ChatUser;
import org.parley.server.account.AccountService;
import org.parley.server.support.ChatTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Rooms on top of the realtime test server: staff users, rooms made by staff, multichat sockets. */
abstract class RoomTestSupport extends RealtimeTestSupport {

    static final String MULTICHAT = "/chat/stream/";
    private static final AtomicInteger ROOMS = new AtomicInteger();

    @Autowired
    AccountService accounts;

    @Autowired
    RoomService rooms;

    /** A new staff account, logged in. */
    Login staff(String name) {
        String username = name + "-staff-" + ROOMS.incrementAndGet();
        String password = username + "-password";
        accounts.create(username, password, true);
        return new Login(username, client().logIn(username, password));
    }

    ChatUser chatUser(Login login) {
        return users.findByUsername(login.username()).orElseThrow();
    }

    /** A room made by a staff member, with a unique title starting with {@code title}. */
    Room room(String title) {
        return room(title, false);
    }

    Room room(String title, boolean staffOnly) {
        return rooms.create(anyStaff(), title + " " + ROOMS.incrementAndGet(), staffOnly);
    }

    private ChatUser anyStaff() {
        return chatUser(staff("maker"));
    }

    /** Opens a multichat socket and waits until the server has registered it. */
    ChatTestClient.Socket multichat(Login login) {
        long id = userId(login);
        long before = multichatSockets(id);
        var socket = login.client().connect(MULTICHAT);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> multichatSockets(id) > before);
        return socket;
    }

    private long multichatSockets(long userId) {
        return registry.connectionsOf(userId).stream()
                .filter(c -> c.protocol() == Protocol.MULTICHAT)
                .count();
    }

    /** Waits until every socket of {@code login} on this node listens to the room (or none does). */
    void awaitSubscribed(Login login, long roomId, boolean subscribed) {
        long id = userId(login);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            var sockets = registry.connectionsOf(id);
            var inRoom = registry.subscribersOf(java.util.List.of(Topic.room(roomId)));
            return sockets.stream().allMatch(c -> inRoom.contains(c) == subscribed);
        });
    }

    /** Native: joins and waits for the reply. */
    JsonNode join(ChatTestClient.Socket socket, long roomId) {
        int mark = socket.mark();
        socket.sendJson("type", "room-join", "room_id", roomId);
        return socket.awaitAfter(
                mark, f -> isType(f, "room-joined") && f.path("room_id").asLong() == roomId);
    }

    /** Native: sends a room message and waits for its echo; returns the echo. */
    JsonNode say(ChatTestClient.Socket socket, long roomId, String text) {
        String clientId = "r-" + ROOMS.incrementAndGet();
        int mark = socket.mark();
        socket.sendJson("type", "room-send", "room_id", roomId, "message", text, "client_id", clientId);
        return socket.awaitAfter(
                mark,
                f -> isType(f, "room-message")
                        && clientId.equals(f.path("client_id").asString()));
    }

    /** Multichat: joins (room as the string the original client sends) and waits for the reply. */
    JsonNode multichatJoin(ChatTestClient.Socket socket, long roomId) {
        int mark = socket.mark();
        socket.sendJson("command", "join", "room", Long.toString(roomId));
        return socket.awaitAfter(mark, f -> f.has("join") || f.has("error"));
    }

    /** A native round trip: frames queued for the socket before the answer have arrived when this returns. */
    void roundTrip(ChatTestClient.Socket socket) {
        int mark = socket.mark();
        socket.sendJson("type", "rooms");
        socket.awaitAfter(mark, f -> isType(f, "rooms"));
    }

    /**
     * A multichat round trip: an unknown room's error comes back after everything queued before it.
     */
    void multichatRoundTrip(ChatTestClient.Socket socket) {
        int mark = socket.mark();
        socket.sendJson("command", "leave", "room", "999999999");
        socket.awaitAfter(mark, f -> "ROOM_INVALID".equals(f.path("error").asString()));
    }

    static boolean isMsg(JsonNode frame, int level) {
        return frame.has("msg_type") && frame.path("msg_type").asInt() == level;
    }

    long roomMessages(long roomId) {
        return jdbc.sql("select count(*) from chat_message where room_id = ?")
                .param(roomId)
                .query(Long.class)
                .single();
    }
}
