package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.chat.room.Room;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** With {@code parley.rooms.notify-enter-leave=false} nobody is told who came or went (levels 4 and 5). */
@TestPropertySource(properties = {"parley.rooms.notify-enter-leave=false", "parley.rooms.multichat-history=0"})
class RoomNoticeSettingTest extends RoomTestSupport {

    @Test
    void multichatClientsGetNoEnterOrLeaveNoticesButStillTheMessages() {
        Room room = room("Quiet");
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = multichat(alice);
        multichatJoin(aliceSocket, room.id());
        aliceSocket.sendJson("command", "send", "room", Long.toString(room.id()), "message", "earlier");
        aliceSocket.await(f -> isMsg(f, 0));

        var bobSocket = multichat(bob);
        int mark = bobSocket.mark();
        multichatJoin(bobSocket, room.id());
        bobSocket.sendJson("command", "send", "room", Long.toString(room.id()), "message", "hello");
        aliceSocket.await(f -> isMsg(f, 0) && f.path("message").asString().equals("hello"));
        bobSocket.sendJson("command", "leave", "room", Long.toString(room.id()));
        bobSocket.await(f -> f.has("leave"));
        multichatJoin(bobSocket, room.id());
        bobSocket.close();
        awaitNoSockets(bob);
        multichatRoundTrip(aliceSocket);

        assertThat(aliceSocket.frames().stream().filter(f -> isMsg(f, 4) || isMsg(f, 5)))
                .isEmpty();
        // multichat-history=0: a join shows no stored messages, like the original.
        assertThat(bobSocket.since(mark).stream()
                        .filter(f -> isMsg(f, 0))
                        .map(f -> f.path("message").asString()))
                .containsExactly("hello");
    }

    @Test
    void nativeClientsStillLearnWhoIsInTheRoomButAreToldNotToShowIt() {
        Room room = room("Quiet native");
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = connect(alice);
        join(aliceSocket, room.id());

        join(connect(bob), room.id());

        JsonNode joined = aliceSocket.await(f ->
                isType(f, "room-member-joined") && f.path("username").asString().equals(bob.username()));
        assertThat(joined.path("notice").asBoolean()).isFalse();
    }
}
