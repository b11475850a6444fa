package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.chat.room.Room;
import org.parley.chat.user.UserSessionService;
import org.parley.server.support.ChatTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The Channels multichat client's socket at {@code /chat/stream/}: exactly the original's frames
 * (protocol-reference.md §2), with the original's crashes turned into error frames.
 */
class MultichatProtocolTest extends RoomTestSupport {

    @Autowired
    MeterRegistry meters;

    @Autowired
    UserSessionService userSessions;

    @Test
    void anAnonymousHandshakeIsRefusedWith403() {
        var anonymous = client();
        assertThat(anonymous.handshakeStatus(MULTICHAT, anonymous.base())).isEqualTo(403);
    }

    @Test
    void aForeignOriginIsRefused() {
        var alice = login("alice");
        assertThat(alice.client().handshakeStatus(MULTICHAT, "http://evil.example"))
                .isEqualTo(403);
    }

    @Test
    void joinRepliesWithTheRoomAsSentAndTheEscapedTitleAndTellsOnlyTheMembersAlreadyThere() {
        Room room = rooms.create(chatUser(staff("s")), "<b>Lobby</b> " + System.nanoTime(), false);
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = multichat(alice);
        var bobSocket = multichat(bob);
        multichatJoin(aliceSocket, room.id());

        int mark = bobSocket.mark();
        JsonNode reply = multichatJoin(bobSocket, room.id());

        assertThat(reply.path("join").isString()).isTrue();
        assertThat(reply.path("join").asString()).isEqualTo(Long.toString(room.id()));
        assertThat(reply.path("title").asString())
                .isEqualTo(room.title().replace("<", "&lt;").replace(">", "&gt;"));
        assertThat(reply.size()).isEqualTo(2);
        JsonNode enter = aliceSocket.await(f -> isMsg(f, 4));
        assertThat(enter.path("room").asString()).isEqualTo(Long.toString(room.id()));
        assertThat(enter.path("username").asString()).isEqualTo(bob.username());
        assertThat(enter.size()).isEqualTo(3);
        multichatRoundTrip(bobSocket);
        assertThat(bobSocket.since(mark).stream().filter(f -> isMsg(f, 4))).isEmpty();
    }

    @Test
    void sendReachesEveryMemberWithTheSenderIncludedEscaped() {
        Room room = room("Send");
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = multichat(alice);
        var bobSocket = multichat(bob);
        multichatJoin(aliceSocket, room.id());
        multichatJoin(bobSocket, room.id());

        aliceSocket.sendJson("command", "send", "room", Long.toString(room.id()), "message", "<script>x</script> & hi");

        for (var socket : new ChatTestClient.Socket[] {aliceSocket, bobSocket}) {
            JsonNode message = socket.await(f -> isMsg(f, 0));
            assertThat(message.path("room").asString()).isEqualTo(Long.toString(room.id()));
            assertThat(message.path("username").asString())
                    .isEqualTo(alice.username().replace("<", "&lt;").replace(">", "&gt;"));
            assertThat(message.path("message").asString()).isEqualTo("&lt;script&gt;x&lt;/script&gt; &amp; hi");
            assertThat(message.size()).isEqualTo(4);
        }
        // Stored as sent; escaping is the output's job.
        assertThat(jdbc.sql("select text from chat_message where room_id = ?")
                        .param(room.id())
                        .query(String.class)
                        .single())
                .isEqualTo("<script>x</script> & hi");
    }

    @Test
    void leaveBroadcastsALeaveNoticeAndRepliesWithTheRoom() {
        Room room = room("Leave");
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = multichat(alice);
        var bobSocket = multichat(bob);
        multichatJoin(aliceSocket, room.id());
        multichatJoin(bobSocket, room.id());

        int mark = bobSocket.mark();
        bobSocket.sendJson("command", "leave", "room", Long.toString(room.id()));

        JsonNode reply = bobSocket.awaitAfter(mark, f -> f.has("leave"));
        assertThat(reply.path("leave").asString()).isEqualTo(Long.toString(room.id()));
        assertThat(reply.size()).isEqualTo(1);
        JsonNode notice = aliceSocket.await(f -> isMsg(f, 5));
        assertThat(notice.path("username").asString()).isEqualTo(bob.username());
        // Bob no longer gets the room's messages, and may not send to it.
        aliceSocket.sendJson("command", "send", "room", Long.toString(room.id()), "message", "after bob left");
        aliceSocket.await(f -> isMsg(f, 0));
        multichatRoundTrip(bobSocket);
        assertThat(bobSocket.frames().stream().filter(f -> isMsg(f, 0))).isEmpty();
        assertThat(errorOf(bobSocket, "{\"command\":\"send\",\"room\":\"" + room.id() + "\",\"message\":\"hi\"}"))
                .isEqualTo("ROOM_ACCESS_DENIED");
    }

    @Test
    void everyErrorCodeGoesToTheCallerAloneAndTheSocketStays() {
        Room room = room("Errors");
        Room secret = room("Secret", true);
        var alice = login("alice");
        var bob = login("bob");
        var socket = multichat(alice);
        var bystander = multichat(bob);
        multichatJoin(bystander, room.id());
        String r = Long.toString(room.id());

        assertThat(errorOf(socket, "{\"command\":\"join\",\"room\":\"987654321\"}"))
                .isEqualTo("ROOM_INVALID");
        assertThat(errorOf(socket, "{\"command\":\"join\",\"room\":\"lobby\"}")).isEqualTo("ROOM_INVALID");
        assertThat(errorOf(socket, "{\"command\":\"join\",\"room\":\"-1\"}")).isEqualTo("ROOM_INVALID");
        assertThat(errorOf(socket, "{\"command\":\"join\"}")).isEqualTo("ROOM_INVALID");
        assertThat(errorOf(socket, "{\"command\":\"join\",\"room\":null}")).isEqualTo("ROOM_INVALID");
        assertThat(errorOf(socket, "{\"command\":\"join\",\"room\":[1]}")).isEqualTo("ROOM_INVALID");
        assertThat(errorOf(socket, "{\"command\":\"join\",\"room\":\"" + secret.id() + "\"}"))
                .isEqualTo("ROOM_ACCESS_DENIED");
        assertThat(errorOf(socket, "{\"command\":\"send\",\"room\":\"" + r + "\",\"message\":\"hi\"}"))
                .isEqualTo("ROOM_ACCESS_DENIED");
        assertThat(errorOf(socket, "{\"command\":\"send\",\"room\":\"" + secret.id() + "\",\"message\":\"hi\"}"))
                .isEqualTo("ROOM_ACCESS_DENIED");
        assertThat(errorOf(socket, "not json")).isEqualTo("BAD_JSON");
        assertThat(errorOf(socket, "[\"join\"]")).isEqualTo("BAD_JSON");
        assertThat(errorOf(socket, "{\"room\":\"" + r + "\"}")).isEqualTo("MISSING_FIELD");
        assertThat(errorOf(socket, "{\"command\":\"dance\",\"room\":\"" + r + "\"}"))
                .isEqualTo("UNKNOWN_COMMAND");
        int mark = socket.mark();
        socket.sendBinary("{\"command\":\"join\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(socket.awaitAfter(mark, f -> f.has("error")).path("error").asString())
                .isEqualTo("BINARY_NOT_SUPPORTED");

        multichatJoin(socket, room.id());
        assertThat(errorOf(socket, "{\"command\":\"send\",\"room\":\"" + r + "\",\"message\":\"\"}"))
                .isEqualTo("MESSAGE_EMPTY");
        assertThat(errorOf(socket, "{\"command\":\"send\",\"room\":\"" + r + "\"}"))
                .isEqualTo("MESSAGE_EMPTY");
        assertThat(errorOf(
                        socket,
                        "{\"command\":\"send\",\"room\":\"" + r + "\",\"message\":\"" + "x".repeat(10_001) + "\"}"))
                .isEqualTo("MESSAGE_TOO_LONG");

        // Only the caller heard about any of it, and the socket still works.
        assertThat(bystander.frames().stream().filter(f -> f.has("error"))).isEmpty();
        assertThat(socket.isClosed()).isFalse();
        socket.sendJson("command", "send", "room", r, "message", "still here");
        assertThat(bystander.await(f -> isMsg(f, 0)).path("message").asString()).isEqualTo("still here");
        assertThat(roomMessages(room.id())).isEqualTo(1);
        assertNoInternals(socket);
    }

    @Test
    void aDeactivatedUsersSocketHasToLogIn() {
        Room room = room("Login");
        var alice = login("alice");
        var socket = multichat(alice);
        multichatJoin(socket, room.id());
        long aliceId = chatUser(alice).id();

        // The host's user store drops the user and tells the chat only that the user changed (so the socket
        // stays open; a reported deactivation would close it with 4003 before any command).
        jdbc.sql("update account set active = false where username = ?")
                .param(alice.username())
                .update();
        userSessions.changed(aliceId, alice.username());

        assertThat(errorOf(socket, "{\"command\":\"send\",\"room\":\"" + room.id() + "\",\"message\":\"hi\"}"))
                .isEqualTo("USER_HAS_TO_LOGIN");
        assertThat(errorOf(socket, "{\"command\":\"join\",\"room\":\"" + room.id() + "\"}"))
                .isEqualTo("USER_HAS_TO_LOGIN");
        assertThat(roomMessages(room.id())).isZero();
    }

    @Test
    void staffMayJoinAStaffOnlyRoom() {
        Room secret = room("Staff room", true);
        var boss = staff("boss");
        var socket = multichat(boss);
        assertThat(multichatJoin(socket, secret.id()).path("title").asString()).isEqualTo(secret.title());
    }

    @Test
    void aClosedSocketLeavesItsRoomsWithALeaveNotice() {
        Room first = room("First");
        Room second = room("Second");
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = multichat(alice);
        var bobSocket = multichat(bob);
        multichatJoin(aliceSocket, first.id());
        multichatJoin(aliceSocket, second.id());
        multichatJoin(bobSocket, first.id());
        multichatJoin(bobSocket, second.id());

        int mark = aliceSocket.mark();
        bobSocket.abort();

        var leaves = aliceSocket.awaitCount(f -> isMsg(f, 5), 2);
        assertThat(leaves)
                .extracting(f -> f.path("room").asString())
                .containsExactlyInAnyOrder(Long.toString(first.id()), Long.toString(second.id()));
        assertThat(leaves)
                .allSatisfy(f -> assertThat(f.path("username").asString()).isEqualTo(bob.username()));

        // Back again: the server restores bob's rooms (the original client does not rejoin by itself).
        var again = multichat(bob);
        JsonNode enter = aliceSocket.awaitAfter(mark, f -> isMsg(f, 4));
        assertThat(enter.path("username").asString()).isEqualTo(bob.username());
        aliceSocket.sendJson("command", "send", "room", Long.toString(first.id()), "message", "welcome back");
        assertThat(again.await(f -> isMsg(f, 0)).path("message").asString()).isEqualTo("welcome back");
    }

    @Test
    void historyIsShownOnJoinAsOrdinaryMessages() {
        Room room = room("History");
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = multichat(alice);
        multichatJoin(aliceSocket, room.id());
        aliceSocket.sendJson("command", "send", "room", Long.toString(room.id()), "message", "one");
        aliceSocket.sendJson("command", "send", "room", Long.toString(room.id()), "message", "two");
        aliceSocket.awaitCount(f -> isMsg(f, 0), 2);

        var bobSocket = multichat(bob);
        int mark = bobSocket.mark();
        multichatJoin(bobSocket, room.id());

        var history = bobSocket.awaitCount(f -> isMsg(f, 0), 2);
        assertThat(history).extracting(f -> f.path("message").asString()).containsExactly("one", "two");
        assertThat(history)
                .allSatisfy(f -> assertThat(f.path("username").asString()).isEqualTo(alice.username()));
        // The join reply comes first, then the history.
        var frames = bobSocket.since(mark);
        assertThat(frames.get(0).has("join")).isTrue();
    }

    @Test
    void theRoomIsEchoedExactlyAsEachClientSentItEncodedOncePerForm() {
        Room room = room("Forms");
        var alice = login("alice");
        var bob = login("bob");
        var carol = login("carol");
        var canonical = multichat(alice);
        var padded = multichat(bob);
        var numeric = multichat(carol);
        var canonicalToo = multichat(alice);
        canonical.sendJson("command", "join", "room", Long.toString(room.id()));
        canonical.await(f -> f.has("join"));
        padded.send("{\"command\":\"join\",\"room\":\"0" + room.id() + "\"}");
        assertThat(padded.await(f -> f.has("join")).path("join").asString()).isEqualTo("0" + room.id());
        numeric.send("{\"command\":\"join\",\"room\":" + room.id() + "}");
        JsonNode numericReply = numeric.await(f -> f.has("join"));
        assertThat(numericReply.path("join").isNumber()).isTrue();
        assertThat(numericReply.path("join").asLong()).isEqualTo(room.id());
        awaitSubscribed(alice, room.id(), true);

        double before = encoded();
        canonical.sendJson("command", "send", "room", Long.toString(room.id()), "message", "forms");

        assertThat(canonical.await(f -> isMsg(f, 0)).path("room").asString()).isEqualTo(Long.toString(room.id()));
        assertThat(canonicalToo.await(f -> isMsg(f, 0)).path("room").asString()).isEqualTo(Long.toString(room.id()));
        assertThat(padded.await(f -> isMsg(f, 0) && f.path("message").asString().equals("forms"))
                        .path("room")
                        .asString())
                .isEqualTo("0" + room.id());
        JsonNode numericMessage =
                numeric.await(f -> isMsg(f, 0) && f.path("message").asString().equals("forms"));
        assertThat(numericMessage.path("room").isNumber()).isTrue();
        // One encoding per form in use, not one per socket.
        assertThat(encoded() - before).isEqualTo(3);
    }

    @Test
    void aMutedSenderGetsALevel3NoticeAndStaffAlertsAreLevel2() {
        Room room = room("Muted");
        var boss = staff("boss");
        var bob = login("bob");
        var bobSocket = multichat(bob);
        multichatJoin(bobSocket, room.id());
        rooms.setMuted(chatUser(boss), userId(bob), true);

        bobSocket.sendJson("command", "send", "room", Long.toString(room.id()), "message", "let me talk");

        JsonNode muted = bobSocket.await(f -> isMsg(f, 3));
        assertThat(muted.path("room").asString()).isEqualTo(Long.toString(room.id()));
        assertThat(muted.path("username").asString()).isEqualTo(bob.username());
        assertThat(muted.path("message").asString()).isNotBlank();
        assertThat(roomMessages(room.id())).isZero();

        rooms.postNotice(chatUser(boss), room.id(), 2, "Server <restart> soon");
        JsonNode alert = bobSocket.await(f -> isMsg(f, 2));
        assertThat(alert.path("message").asString()).isEqualTo("Server &lt;restart&gt; soon");
        assertThat(alert.path("username").asString()).isEqualTo(boss.username());
    }

    @Test
    void aDeletedRoomIsLeftOnTheClient() {
        Room room = room("Deleted");
        var alice = login("alice");
        var socket = multichat(alice);
        multichatJoin(socket, "0" + room.id());

        rooms.delete(chatUser(staff("boss")), room.id());

        assertThat(socket.await(f -> f.has("leave")).path("leave").asString()).isEqualTo("0" + room.id());
        assertThat(errorOf(socket, "{\"command\":\"join\",\"room\":\"" + room.id() + "\"}"))
                .isEqualTo("ROOM_INVALID");
    }

    @Test
    void aNativeUserAndAMultichatUserInOneRoomSeeEachOthersMessages() {
        Room room = room("Mixed");
        var alice = login("alice");
        var bob = login("bob");
        var native_ = connect(alice);
        var legacy = multichat(bob);
        join(native_, room.id());
        multichatJoin(legacy, room.id());
        // The native member sees the multichat user enter.
        assertThat(native_.await(f -> isType(f, "room-member-joined")
                        && f.path("username").asString().equals(bob.username())))
                .isNotNull();

        say(native_, room.id(), "from native <3");
        JsonNode got = legacy.await(f -> isMsg(f, 0));
        assertThat(got.path("username").asString()).isEqualTo(alice.username());
        assertThat(got.path("message").asString()).isEqualTo("from native &lt;3");

        legacy.sendJson("command", "send", "room", Long.toString(room.id()), "message", "from multichat");
        JsonNode back = native_.await(f ->
                isType(f, "room-message") && f.path("sender_name").asString().equals(bob.username()));
        assertThat(back.path("message").asString()).isEqualTo("from multichat");
        assertThat(roomMessages(room.id())).isEqualTo(2);
    }

    private JsonNode multichatJoin(ChatTestClient.Socket socket, String room) {
        int mark = socket.mark();
        socket.sendJson("command", "join", "room", room);
        return socket.awaitAfter(mark, f -> f.has("join") || f.has("error"));
    }

    private static String errorOf(ChatTestClient.Socket socket, String frame) {
        int mark = socket.mark();
        socket.send(frame);
        return socket.awaitAfter(mark, f -> f.has("error")).path("error").asString();
    }

    private double encoded() {
        return meters.get("parley.events.encoded")
                .tag("protocol", "multichat")
                .counter()
                .count();
    }
}
