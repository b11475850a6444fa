package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.chat.presence.PresenceService;
import org.parley.chat.room.Room;
import org.parley.server.support.ChatTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Both transports at once on one server: users whose sockets are on the servlet port and users whose sockets
 * are on the chat port share one registry, so they chat, read, type, see each other's presence and share
 * rooms as if they were on one port; a user with a tab on each port is one user.
 */
@TestPropertySource(properties = "parley.websocket.chat-port.port=0")
class ChatPortAndServletPortTest extends RoomTestSupport {

    @Autowired
    PresenceService presence;

    /** The same login, its sockets on the servlet port (pages of an application without the chat port). */
    Login onServletPort(Login login) {
        return new Login(login.username(), login.client().socketsAt(servletBase()));
    }

    @Test
    void theTwoPortsAreDifferent() {
        assertThat(socketPort()).isPositive().isNotEqualTo(port);
    }

    @Test
    void aDialogBetweenAServletPortUserAndAChatPortUser() {
        var alice = onServletPort(login("alice"));
        var bob = login("bob");
        var aliceSocket = connect(alice);
        var bobSocket = connect(bob);

        long fromAlice = send(aliceSocket, bob, "hello from the servlet port");
        JsonNode atBob = bobSocket.await(
                f -> isType(f, "new-message") && f.path("message_id").asLong() == fromAlice);
        assertThat(atBob.path("message").asString()).isEqualTo("hello from the servlet port");
        assertThat(atBob.path("sender_name").asString()).isEqualTo(alice.username());

        long fromBob = send(bobSocket, alice, "hello from the chat port");
        JsonNode atAlice = aliceSocket.await(
                f -> isType(f, "new-message") && f.path("message_id").asLong() == fromBob);
        assertThat(atAlice.path("message").asString()).isEqualTo("hello from the chat port");
        assertThat(storedMessagesBetween(alice, bob)).isEqualTo(2);

        // Typing and read receipts cross the ports both ways.
        bobSocket.sendJson("type", "is-typing", "username", alice.username());
        assertThat(aliceSocket.awaitType("opponent-typing").path("username").asString())
                .isEqualTo(bob.username());
        aliceSocket.sendJson("type", "is-typing", "username", bob.username());
        assertThat(bobSocket.awaitType("opponent-typing").path("username").asString())
                .isEqualTo(alice.username());
        bobSocket.sendJson("type", "read_message", "message_id", fromAlice);
        JsonNode read = aliceSocket.awaitType("opponent-read-message");
        assertThat(read.path("message_id").asLong()).isEqualTo(fromAlice);
        aliceSocket.sendJson("type", "read_message", "message_id", fromBob);
        assertThat(bobSocket
                        .awaitType("opponent-read-message")
                        .path("message_id")
                        .asLong())
                .isEqualTo(fromBob);

        // Presence: Bob leaves the chat port, Alice on the servlet port sees him go, and back.
        int mark = aliceSocket.mark();
        bobSocket.close();
        awaitNoSockets(bob);
        assertThat(aliceSocket
                        .awaitAfter(mark, f -> isType(f, "gone-offline"))
                        .path("username")
                        .asString())
                .isEqualTo(bob.username());
        connect(bob);
        assertThat(aliceSocket
                        .awaitAfter(mark, f -> isType(f, "gone-online"))
                        .path("usernames")
                        .get(0)
                        .asString())
                .isEqualTo(bob.username());
        assertThat(aliceSocket.ofType("error")).isEmpty();
        assertThat(bobSocket.ofType("error")).isEmpty();
    }

    @Test
    void oneUserWithATabOnEachPortIsOneUser() {
        var alice = login("alice");
        var carol = login("carol");
        var carolSocket = connect(carol);
        send(carolSocket, alice, "a dialog, so carol hears about alice");
        int mark = carolSocket.mark();

        var onChatPort = connect(alice);
        var onServletPort = connect(onServletPort(alice));
        assertThat(registry.connectionsOf(userId(alice))).hasSize(2);

        // A message to Alice reaches both tabs; her own message is echoed to both too.
        long toAlice = send(carolSocket, alice, "to both tabs");
        for (var tab : List.of(onChatPort, onServletPort)) {
            tab.await(f -> isType(f, "new-message") && f.path("message_id").asLong() == toAlice);
        }
        long fromAlice = send(onServletPort, carol, "from the servlet tab");
        onChatPort.await(f -> isType(f, "new-message") && f.path("message_id").asLong() == fromAlice);
        carolSocket.await(f -> isType(f, "new-message") && f.path("message_id").asLong() == fromAlice);

        // Online once, offline once: when the last of the two closes, whichever port it was on.
        onChatPort.close();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> registry.connectionsOf(userId(alice)).size() == 1);
        assertThat(presence.isOnline(userId(alice))).isTrue();
        onServletPort.abort();
        awaitNoSockets(alice);
        carolSocket.awaitAfter(mark, f -> isType(f, "gone-offline"));
        roundTrip(carolSocket, dialogId(alice, carol));
        assertThat(carolSocket.since(mark).stream()
                        .map(f -> f.path("type").asString())
                        .filter(t -> t.startsWith("gone-")))
                .containsExactly("gone-online", "gone-offline");
        assertThat(presence.isOnline(userId(alice))).isFalse();
    }

    @Test
    void aRoomWithMembersOnBothPortsAndBothProtocols() {
        Room room = room("Both ports");
        var alice = onServletPort(login("alice"));
        var bob = login("bob");
        var carol = onServletPort(login("carol"));
        var dave = login("dave");
        ChatTestClient.Socket aliceNative = connect(alice);
        ChatTestClient.Socket bobNative = connect(bob);
        ChatTestClient.Socket carolMultichat = multichat(carol);
        ChatTestClient.Socket daveMultichat = multichat(dave);
        join(aliceNative, room.id());
        join(bobNative, room.id());
        multichatJoin(carolMultichat, room.id());
        multichatJoin(daveMultichat, room.id());
        awaitSubscribed(alice, room.id(), true);
        awaitSubscribed(bob, room.id(), true);
        awaitSubscribed(carol, room.id(), true);
        awaitSubscribed(dave, room.id(), true);

        // Native on the servlet port to everybody.
        JsonNode echo = say(aliceNative, room.id(), "from alice, servlet port");
        long first = echo.path("message_id").asLong();
        bobNative.await(f -> isType(f, "room-message") && f.path("message_id").asLong() == first);
        for (var multichat : List.of(carolMultichat, daveMultichat)) {
            multichat.await(f -> isMsg(f, 0)
                    && "from alice, servlet port".equals(f.path("message").asString()));
        }

        // Native on the chat port to everybody.
        long second = say(bobNative, room.id(), "from bob, chat port")
                .path("message_id")
                .asLong();
        aliceNative.await(f -> isType(f, "room-message") && f.path("message_id").asLong() == second);
        for (var multichat : List.of(carolMultichat, daveMultichat)) {
            multichat.await(f -> isMsg(f, 0)
                    && "from bob, chat port".equals(f.path("message").asString()));
        }

        // Multichat on the chat port to everybody.
        daveMultichat.sendJson("command", "send", "room", Long.toString(room.id()), "message", "from dave");
        for (var multichat : List.of(carolMultichat, daveMultichat)) {
            multichat.await(
                    f -> isMsg(f, 0) && "from dave".equals(f.path("message").asString()));
        }
        for (var nativeSocket : List.of(aliceNative, bobNative)) {
            nativeSocket.await(f -> isType(f, "room-message")
                    && "from dave".equals(f.path("message").asString()));
        }
        assertThat(roomMessages(room.id())).isEqualTo(3);
        for (var socket : List.of(aliceNative, bobNative)) {
            assertThat(socket.ofType("error")).isEmpty();
        }
        for (var socket : List.of(carolMultichat, daveMultichat)) {
            assertThat(socket.frames()).noneMatch(f -> f.has("error"));
        }
    }
}
