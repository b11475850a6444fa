package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.chat.message.MessageService;
import org.parley.chat.room.Room;
import org.parley.server.support.ChatTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The room commands of the native socket, through real sockets (docs/protocol.md, "Rooms"). */
class RoomNativeProtocolTest extends RoomTestSupport {

    @Autowired
    MessageService messages;

    @Test
    void theRoomListIsOrderedByTitleWithMembershipAndHidesStaffOnlyRoomsFromNonStaff() {
        Room zoo = rooms.create(chatUser(staff("s")), "zz Zoo " + System.nanoTime(), false);
        Room attic = rooms.create(chatUser(staff("s")), "aa Attic " + System.nanoTime(), true);
        Room basement = rooms.create(chatUser(staff("s")), "AB Basement " + System.nanoTime(), false);
        var alice = login("alice");
        var socket = connect(alice);
        join(socket, zoo.id());

        socket.sendJson("type", "rooms");
        JsonNode list = socket.awaitType("rooms");

        List<Long> ids = ids(list);
        assertThat(ids).contains(basement.id(), zoo.id()).doesNotContain(attic.id());
        assertThat(ids.indexOf(basement.id())).isLessThan(ids.indexOf(zoo.id()));
        JsonNode zooEntry = entry(list, zoo.id());
        assertThat(zooEntry.path("member").asBoolean()).isTrue();
        assertThat(zooEntry.path("title").asString()).isEqualTo(zoo.title());
        assertThat(zooEntry.path("slug").asString()).isEqualTo(zoo.slug());
        assertThat(entry(list, basement.id()).path("member").asBoolean()).isFalse();

        var boss = staff("boss");
        var staffSocket = connect(boss);
        staffSocket.sendJson("type", "rooms");
        List<Long> staffIds = ids(staffSocket.awaitType("rooms"));
        assertThat(staffIds).contains(attic.id(), basement.id(), zoo.id());
        assertThat(staffIds.indexOf(attic.id())).isLessThan(staffIds.indexOf(basement.id()));
    }

    @Test
    void joiningRepliesWithTheRoomItsMembersAndHistoryAndTellsTheMembersAlreadyThere() {
        Room room = room("Lobby");
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = connect(alice);
        join(aliceSocket, room.id());
        say(aliceSocket, room.id(), "before bob");
        var bobSocket = connect(bob);

        int mark = aliceSocket.mark();
        JsonNode joined = join(bobSocket, room.id());

        assertThat(joined.path("title").asString()).isEqualTo(room.title());
        assertThat(joined.path("joined_now").asBoolean()).isTrue();
        assertThat(joined.path("members").findValuesAsString("username"))
                .containsExactly(alice.username(), bob.username());
        assertThat(joined.path("members").get(0).path("online").asBoolean()).isTrue();
        JsonNode history = bobSocket.await(f -> isType(f, "room-history"));
        assertThat(history.path("room_id").asLong()).isEqualTo(room.id());
        assertThat(history.path("messages").findValuesAsString("message")).containsExactly("before bob");
        JsonNode entered = aliceSocket.awaitAfter(mark, f -> isType(f, "room-member-joined"));
        assertThat(entered.path("username").asString()).isEqualTo(bob.username());
        assertThat(entered.path("room_id").asLong()).isEqualTo(room.id());
        assertThat(entered.path("notice").asBoolean()).isTrue();

        // Joining again changes nothing and tells nobody.
        JsonNode again = join(bobSocket, room.id());
        assertThat(again.path("joined_now").asBoolean()).isFalse();
        roundTrip(aliceSocket);
        assertThat(aliceSocket.since(mark).stream().filter(f -> isType(f, "room-member-joined")))
                .hasSize(1);
    }

    @Test
    void aRoomMessageIsStoredAndReachesEveryMemberSocketButNoOneElse() {
        Room room = room("Chat");
        var alice = login("alice");
        var bob = login("bob");
        var carol = login("carol");
        var aliceSocket = connect(alice);
        var aliceTab = connect(alice);
        var bobSocket = connect(bob);
        var carolSocket = connect(carol);
        join(aliceSocket, room.id());
        join(bobSocket, room.id());
        awaitSubscribed(alice, room.id(), true);

        JsonNode echo = say(aliceSocket, room.id(), "<i>hi</i> all");

        JsonNode received = bobSocket.await(f -> isType(f, "room-message"));
        assertThat(received.path("message").asString()).isEqualTo("<i>hi</i> all");
        assertThat(received.path("sender_name").asString()).isEqualTo(alice.username());
        assertThat(received.path("room_id").asLong()).isEqualTo(room.id());
        assertThat(received.path("created").asString()).matches("\\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d:\\d\\d");
        assertThat(received.path("message_id").asLong())
                .isEqualTo(echo.path("message_id").asLong());
        assertThat(aliceTab.await(f -> isType(f, "room-message"))).isNotNull();
        roundTrip(carolSocket);
        assertThat(carolSocket.ofType("room-message")).isEmpty();
        assertThat(roomMessages(room.id())).isEqualTo(1);
        assertThat(jdbc.sql("select dialog_id from chat_message where room_id = ?")
                        .param(room.id())
                        .query(Long.class)
                        .optional())
                .isEmpty();
    }

    @Test
    void historyPagesBackwardsAndCatchesUpForwards() {
        Room room = room("Paged");
        var alice = login("alice");
        var socket = connect(alice);
        join(socket, room.id());
        long[] ids = new long[5];
        for (int i = 0; i < 5; i++) {
            ids[i] = say(socket, room.id(), "m" + i).path("message_id").asLong();
        }

        int mark = socket.mark();
        socket.sendJson("type", "room-history", "room_id", room.id(), "limit", 2);
        JsonNode newest = socket.awaitAfter(mark, f -> isType(f, "room-history"));
        assertThat(newest.path("messages").findValuesAsString("message")).containsExactly("m3", "m4");
        assertThat(newest.path("has_more").asBoolean()).isTrue();
        assertThat(newest.path("direction").asString()).isEqualTo("before");

        mark = socket.mark();
        socket.sendJson("type", "room-history", "room_id", room.id(), "before", ids[3], "limit", 10);
        JsonNode older = socket.awaitAfter(mark, f -> isType(f, "room-history"));
        assertThat(older.path("messages").findValuesAsString("message")).containsExactly("m0", "m1", "m2");
        assertThat(older.path("has_more").asBoolean()).isFalse();

        mark = socket.mark();
        socket.sendJson("type", "room-history", "room_id", room.id(), "after", ids[1], "limit", 2);
        JsonNode after = socket.awaitAfter(mark, f -> isType(f, "room-history"));
        assertThat(after.path("messages").findValuesAsString("message")).containsExactly("m2", "m3");
        assertThat(after.path("has_more").asBoolean()).isTrue();
        assertThat(after.path("direction").asString()).isEqualTo("after");

        // A reconnecting client resumes with room-join and the last id it has.
        mark = socket.mark();
        socket.sendJson("type", "room-join", "room_id", room.id(), "after", ids[3]);
        JsonNode resumed = socket.awaitAfter(mark, f -> isType(f, "room-history"));
        assertThat(resumed.path("messages").findValuesAsString("message")).containsExactly("m4");
    }

    @Test
    void leavingEndsDeliveryAndSendingAndTellsTheOthers() {
        Room room = room("Leave");
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = connect(alice);
        var bobSocket = connect(bob);
        var bobTab = connect(bob);
        join(aliceSocket, room.id());
        join(bobSocket, room.id());
        awaitSubscribed(bob, room.id(), true);

        int mark = bobSocket.mark();
        bobSocket.sendJson("type", "room-leave", "room_id", room.id());
        assertThat(bobSocket
                        .awaitAfter(mark, f -> isType(f, "room-left"))
                        .path("room_id")
                        .asLong())
                .isEqualTo(room.id());
        JsonNode left = aliceSocket.await(f -> isType(f, "room-member-left"));
        assertThat(left.path("username").asString()).isEqualTo(bob.username());
        awaitSubscribed(bob, room.id(), false);

        say(aliceSocket, room.id(), "bob is gone");
        roundTrip(bobSocket);
        roundTrip(bobTab);
        assertThat(bobSocket.ofType("room-message")).isEmpty();
        assertThat(bobTab.ofType("room-message")).isEmpty();

        mark = bobSocket.mark();
        bobSocket.sendJson("type", "room-send", "room_id", room.id(), "message", "still here?");
        JsonNode error = bobSocket.awaitAfter(mark, f -> isType(f, "error"));
        assertThat(error.path("code").asString()).isEqualTo("room-access-denied");
        assertThat(error.path("room_id").asLong()).isEqualTo(room.id());
        assertThat(roomMessages(room.id())).isEqualTo(1);
    }

    @Test
    void badRoomCommandsGetAnErrorAndTheSocketStays() {
        Room room = room("Errors");
        Room secret = room("Secret", true);
        var alice = login("alice");
        var socket = connect(alice);

        assertThat(errorFor(socket, "type", "room-join", "room_id", 987654321L)).isEqualTo("room-not-found");
        assertThat(errorFor(socket, "type", "room-join", "room_id", secret.id()))
                .isEqualTo("room-not-found");
        assertThat(errorMessageFor(socket, "type", "room-join", "room_id", secret.id()))
                .isEqualTo(errorMessageFor(socket, "type", "room-join", "room_id", 987654321L));
        assertThat(errorFor(socket, "type", "room-join")).isEqualTo("missing-field");
        assertThat(errorFor(socket, "type", "room-join", "room_id", "one")).isEqualTo("wrong-field-type");
        assertThat(errorFor(socket, "type", "room-history", "room_id", room.id()))
                .isEqualTo("room-access-denied");
        assertThat(errorFor(socket, "type", "room-members", "room_id", room.id()))
                .isEqualTo("room-access-denied");
        assertThat(errorFor(socket, "type", "room-send", "room_id", room.id(), "message", "x"))
                .isEqualTo("room-access-denied");
        assertThat(errorFor(socket, "type", "room-history", "room_id", secret.id()))
                .isEqualTo("room-not-found");
        join(socket, room.id());
        assertThat(errorFor(socket, "type", "room-send", "room_id", room.id(), "message", "  "))
                .isEqualTo("text-empty");
        assertThat(errorFor(socket, "type", "room-send", "room_id", room.id(), "message", "x".repeat(10_001)))
                .isEqualTo("text-too-long");
        assertThat(errorFor(socket, "type", "room-notice", "room_id", room.id(), "level", 2, "message", "hey"))
                .isEqualTo("forbidden");

        // Still open and working.
        assertThat(say(socket, room.id(), "fine").path("message").asString()).isEqualTo("fine");
        assertThat(roomMessages(room.id())).isEqualTo(1);
        assertNoInternals(socket);
    }

    @Test
    void membershipIsPerUserSoNewSocketsListenToTheUsersRoomsFromTheStart() {
        Room room = room("Sticky");
        var alice = login("alice");
        var bob = login("bob");
        var bobSocket = connect(bob);
        join(bobSocket, room.id());
        var aliceSocket = connect(alice);
        var aliceOtherTab = connect(alice);
        join(aliceSocket, room.id());
        awaitSubscribed(alice, room.id(), true);
        // Joined in one tab: the other tab hears the room too.
        say(bobSocket, room.id(), "to both tabs");
        aliceOtherTab.await(f -> isType(f, "room-message"));

        aliceSocket.close();
        aliceOtherTab.close();
        awaitNoSockets(alice);
        say(bobSocket, room.id(), "while alice was away");
        var reconnected = connect(alice);

        // No join needed: the new socket is in the room and catches up by id.
        say(bobSocket, room.id(), "after the reconnect");
        assertThat(reconnected
                        .await(f -> isType(f, "room-message"))
                        .path("message")
                        .asString())
                .isEqualTo("after the reconnect");
        reconnected.sendJson("type", "rooms");
        assertThat(entry(reconnected.awaitType("rooms"), room.id())
                        .path("member")
                        .asBoolean())
                .isTrue();
        reconnected.sendJson("type", "room-history", "room_id", room.id());
        assertThat(reconnected.awaitType("room-history").path("messages").findValuesAsString("message"))
                .containsExactly("to both tabs", "while alice was away", "after the reconnect");
    }

    @Test
    void membersSeeWhoComesOnlineAndGoesOffline() {
        Room room = room("Presence");
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = connect(alice);
        var bobSocket = connect(bob);
        join(aliceSocket, room.id());
        join(bobSocket, room.id());

        int mark = aliceSocket.mark();
        bobSocket.close();
        JsonNode offline = aliceSocket.awaitAfter(mark, f -> isType(f, "room-presence"));
        assertThat(offline.path("username").asString()).isEqualTo(bob.username());
        assertThat(offline.path("online").asBoolean()).isFalse();
        aliceSocket.sendJson("type", "room-members", "room_id", room.id());
        JsonNode members = aliceSocket.awaitType("room-members");
        assertThat(members.path("members").findValuesAsString("username")).contains(bob.username());

        mark = aliceSocket.mark();
        connect(bob);
        JsonNode online = aliceSocket.awaitAfter(mark, f -> isType(f, "room-presence"));
        assertThat(online.path("online").asBoolean()).isTrue();
    }

    @Test
    void aMutedUserCannotSendAndStaffCanPostAlerts() {
        Room room = room("Moderated");
        var boss = staff("boss");
        var bob = login("bob");
        var bossSocket = connect(boss);
        var bobSocket = connect(bob);
        join(bossSocket, room.id());
        join(bobSocket, room.id());

        rooms.setMuted(chatUser(boss), userId(bob), true);
        assertThat(errorFor(bobSocket, "type", "room-send", "room_id", room.id(), "message", "let me talk"))
                .isEqualTo("user-muted");
        assertThat(roomMessages(room.id())).isZero();

        bossSocket.sendJson("type", "room-notice", "room_id", room.id(), "level", 2, "message", "Be nice");
        JsonNode alert = bobSocket.await(f -> isType(f, "room-notice"));
        assertThat(alert.path("level").asInt()).isEqualTo(2);
        assertThat(alert.path("message").asString()).isEqualTo("Be nice");
        assertThat(alert.path("username").asString()).isEqualTo(boss.username());

        rooms.setMuted(chatUser(boss), userId(bob), false);
        assertThat(say(bobSocket, room.id(), "thanks").path("message").asString())
                .isEqualTo("thanks");
    }

    @Test
    void theRoomListIsLiveAndStaffOnlyRoomsReachOnlyStaff() {
        var boss = staff("boss");
        var alice = login("alice");
        var bossSocket = connect(boss);
        var aliceSocket = connect(alice);
        var actor = chatUser(boss);

        Room open = rooms.create(actor, "Live " + System.nanoTime(), false);
        assertThat(aliceSocket
                        .await(f -> isType(f, "room-created"))
                        .path("room_id")
                        .asLong())
                .isEqualTo(open.id());
        Room hidden = rooms.create(actor, "Hidden " + System.nanoTime(), true);
        JsonNode staffCreated = bossSocket.await(
                f -> isType(f, "room-created") && f.path("room_id").asLong() == hidden.id());
        assertThat(staffCreated.path("staff_only").asBoolean()).isTrue();

        rooms.rename(actor, open.id(), "Renamed " + open.id());
        assertThat(aliceSocket
                        .await(f -> isType(f, "room-changed"))
                        .path("title")
                        .asString())
                .isEqualTo("Renamed " + open.id());
        rooms.rename(actor, hidden.id(), "Still hidden " + hidden.id());
        bossSocket.await(f -> isType(f, "room-changed") && f.path("room_id").asLong() == hidden.id());

        // Made staff-only: non-staff see it go and stop being members.
        join(aliceSocket, open.id());
        int mark = aliceSocket.mark();
        rooms.setStaffOnly(actor, open.id(), true);
        assertThat(aliceSocket
                        .awaitAfter(mark, f -> isType(f, "room-deleted"))
                        .path("room_id")
                        .asLong())
                .isEqualTo(open.id());
        aliceSocket.awaitAfter(mark, f -> isType(f, "room-member-left"));
        awaitSubscribed(alice, open.id(), false);
        bossSocket.await(f -> isType(f, "room-changed") && f.path("staff_only").asBoolean());

        rooms.delete(actor, hidden.id());
        bossSocket.await(f -> isType(f, "room-deleted") && f.path("room_id").asLong() == hidden.id());

        roundTrip(aliceSocket);
        assertThat(aliceSocket.frames().toString()).doesNotContain("Hidden ").doesNotContain("Still hidden");
    }

    @Test
    void aDeletedRoomEndsItsMembershipsAndARemovedMessageDisappears() {
        Room room = room("Doomed");
        var boss = staff("boss");
        var alice = login("alice");
        var aliceSocket = connect(alice);
        join(aliceSocket, room.id());
        long id = say(aliceSocket, room.id(), "oops").path("message_id").asLong();

        messages.setRemoved(chatUser(boss), id, true);
        JsonNode removed = aliceSocket.await(f -> isType(f, "room-message-removed"));
        assertThat(removed.path("message_id").asLong()).isEqualTo(id);
        int mark = aliceSocket.mark();
        aliceSocket.sendJson("type", "room-history", "room_id", room.id());
        assertThat(aliceSocket.awaitAfter(mark, f -> isType(f, "room-history")).path("messages"))
                .isEmpty();

        // Restored: back to the members with what a room-message carries, so pages put it in its place.
        // The multichat client has no such frame and must get nothing.
        var bob = login("bob");
        var bobMultichat = multichat(bob);
        multichatJoin(bobMultichat, room.id());
        messages.setRemoved(chatUser(boss), id, false);
        JsonNode restored = aliceSocket.await(f -> isType(f, "room-message-restored"));
        assertThat(restored.path("room_id").asLong()).isEqualTo(room.id());
        assertThat(restored.path("message_id").asLong()).isEqualTo(id);
        assertThat(restored.path("sender_name").asString()).isEqualTo(alice.username());
        assertThat(restored.path("message").asString()).isEqualTo("oops");
        assertThat(restored.path("created").asString()).isNotEmpty();
        assertThat(restored.path("timestamp").asString()).isNotEmpty();
        assertThat(aliceSocket.ofType("room-message-removed")).hasSize(1);
        multichatRoundTrip(bobMultichat);
        assertThat(bobMultichat.frames())
                .noneMatch(f -> "oops".equals(f.path("message").asString()));
        messages.setRemoved(chatUser(boss), id, true);
        aliceSocket.awaitCount(f -> isType(f, "room-message-removed"), 2);

        rooms.delete(chatUser(boss), room.id());
        aliceSocket.await(f -> isType(f, "room-deleted"));
        awaitSubscribed(alice, room.id(), false);
        assertThat(errorFor(aliceSocket, "type", "room-send", "room_id", room.id(), "message", "x"))
                .isEqualTo("room-not-found");
        // Kept for the record.
        assertThat(roomMessages(room.id())).isEqualTo(1);
    }

    private static String errorFor(ChatTestClient.Socket socket, Object... pairs) {
        return lastError(socket, pairs).path("code").asString();
    }

    private static String errorMessageFor(ChatTestClient.Socket socket, Object... pairs) {
        return lastError(socket, pairs).path("message").asString();
    }

    private static JsonNode lastError(ChatTestClient.Socket socket, Object... pairs) {
        int mark = socket.mark();
        socket.sendJson(pairs);
        return socket.awaitAfter(mark, f -> isType(f, "error"));
    }

    private static List<Long> ids(JsonNode list) {
        return list.path("rooms")
                .valueStream()
                .map(r -> r.path("room_id").asLong())
                .toList();
    }

    private static JsonNode entry(JsonNode list, long roomId) {
        return list.path("rooms")
                .valueStream()
                .filter(r -> r.path("room_id").asLong() == roomId)
                .findFirst()
                .orElseThrow();
    }
}
