package org.parley.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.parley.chat.realtime.CloseReason;
import org.parley.chat.realtime.SessionRegistry;
import org.parley.chat.room.RoomService;
import org.parley.server.support.ChatTestClient;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Admin actions reach open sockets at once, through real HTTP (the admin's own forms, with their CSRF
 * tokens) and real WebSocket clients: a deactivated user is disconnected, a removed message and a new or
 * deleted room are announced live.
 */
class AdminLiveTest extends AdminTestBase {

    @Autowired
    SessionRegistry registry;

    @Autowired
    RoomService rooms;

    private ChatTestClient logIn(String username) {
        return new ChatTestClient(port).logIn(username, "password-" + username);
    }

    private ChatTestClient.Socket connect(ChatTestClient client, String username) {
        var socket = client.connect("/ws");
        long id = chatUser(username).id();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> !registry.connectionsOf(id).isEmpty());
        return socket;
    }

    @Test
    void aDeactivatedUserIsDisconnectedAtOnceAndCannotComeBack() {
        String staff = newUser("livestaff", true);
        String user = newUser("liveuser", false);
        var admin = logIn(staff);
        var client = logIn(user);
        var first = connect(client, user);
        var second = connect(client, user);

        String page = "/admin/users/" + accountId(user);
        var answer = admin.postForm(page, page + "/active", "value", "false");
        assertThat(answer.statusCode()).isEqualTo(302);

        assertThat(first.awaitClosed()).isEqualTo(CloseReason.ACCOUNT_DISABLED.code());
        assertThat(second.awaitClosed()).isEqualTo(CloseReason.ACCOUNT_DISABLED.code());
        // The open session is over, a new socket is refused and so is a new login.
        assertThat(client.get("/dialogs/").statusCode()).isEqualTo(302);
        assertThat(client.handshakeStatus("/ws", client.base())).isEqualTo(403);
        var again = new ChatTestClient(port);
        var login = again.postForm("/login", "/login", "username", user, "password", "password-" + user);
        assertThat(login.headers().firstValue("Location").orElse("")).contains("error");
    }

    @Test
    void aRemovedMessageIsAnnouncedToBothParticipants() {
        String staff = newUser("modstaff", true);
        String alice = newUser("alice", false);
        String bob = newUser("bob", false);
        var aliceSocket = connect(logIn(alice), alice);
        var bobSocket = connect(logIn(bob), bob);
        aliceSocket.sendJson("type", "new-message", "username", bob, "message", "regrettable");
        long id = bobSocket.awaitType("new-message").path("message_id").asLong();

        var admin = logIn(staff);
        admin.postForm("/admin/messages", "/admin/messages/" + id + "/remove");

        for (var socket : new ChatTestClient.Socket[] {aliceSocket, bobSocket}) {
            var removed = socket.awaitType("message-removed");
            assertThat(removed.path("message_id").asLong()).isEqualTo(id);
            assertThat(removed.path("removed").asBoolean()).isTrue();
        }
    }

    @Test
    void aRestoredMessageComesBackToBothParticipantsWithItsContent() {
        String staff = newUser("restorestaff", true);
        String alice = newUser("alice", false);
        String bob = newUser("bob", false);
        var aliceSocket = connect(logIn(alice), alice);
        var bobSocket = connect(logIn(bob), bob);
        aliceSocket.sendJson("type", "new-message", "username", bob, "message", "<i>said</i> too soon");
        var sent = bobSocket.awaitType("new-message");
        long id = sent.path("message_id").asLong();
        var admin = logIn(staff);
        admin.postForm("/admin/messages", "/admin/messages/" + id + "/remove");
        bobSocket.awaitType("message-removed");

        var answer = admin.postForm("/admin/messages", "/admin/messages/" + id + "/restore");
        assertThat(answer.statusCode()).isEqualTo(302);

        for (var socket : new ChatTestClient.Socket[] {aliceSocket, bobSocket}) {
            var restored = socket.awaitType("message-restored");
            // The whole message, as history shows it, so a page can put it back where it belongs.
            assertThat(restored.path("message_id").asLong()).isEqualTo(id);
            assertThat(restored.path("dialog_id").asLong())
                    .isEqualTo(sent.path("dialog_id").asLong());
            assertThat(restored.path("sender_name").asString()).isEqualTo(alice);
            assertThat(restored.path("message").asString()).isEqualTo("<i>said</i> too soon");
            assertThat(restored.path("created").asString())
                    .isEqualTo(sent.path("created").asString());
            assertThat(restored.path("timestamp").asString())
                    .isEqualTo(sent.path("timestamp").asString());
            assertThat(restored.path("read").asBoolean()).isFalse();
            // Restoring no longer says "message-removed" with removed: false.
            assertThat(socket.ofType("message-removed")).hasSize(1);
        }
        // Restoring it again changes nothing and announces nothing.
        admin.postForm("/admin/messages", "/admin/messages/" + id + "/restore");
        int mark = bobSocket.mark();
        aliceSocket.sendJson("type", "new-message", "username", bob, "message", "marker");
        bobSocket.awaitAfter(mark, f -> "marker".equals(f.path("message").asString()));
        assertThat(bobSocket.ofType("message-restored")).hasSize(1);
    }

    @Test
    void aNewRoomAppearsAndADeletedOneGoesLive() {
        String staff = newUser("roomlive", true);
        String user = newUser("watcher", false);
        var socket = connect(logIn(user), user);
        var admin = logIn(staff);
        String title = "Live room " + System.nanoTime();

        admin.postForm("/admin/rooms", "/admin/rooms", "title", title);
        var created = socket.await(f -> "room-created".equals(f.path("type").asString())
                && title.equals(f.path("title").asString()));
        long roomId = created.path("room_id").asLong();

        rooms.join(chatUser(user), roomId);
        admin.postForm("/admin/rooms/" + roomId, "/admin/rooms/" + roomId + "/delete");
        var deleted = socket.await(f -> "room-deleted".equals(f.path("type").asString())
                && f.path("room_id").asLong() == roomId);
        assertThat(deleted).isNotNull();
    }
}
