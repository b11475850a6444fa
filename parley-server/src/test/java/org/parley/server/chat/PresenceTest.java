package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.chat.presence.PresenceService;
import org.parley.server.support.ChatTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Presence is per user: online at the first socket, offline when the last one goes, however it goes. */
class PresenceTest extends RealtimeTestSupport {

    @Autowired
    PresenceService presence;

    @Test
    void severalTabsMakeOneOnlineAndTheLastClosedTabOneOffline() {
        var alice = login("alice");
        var bob = login("bob");
        var stranger = login("stranger");
        var aliceSocket = connect(alice);
        var strangerSocket = connect(stranger);
        var bobTab1 = connect(bob);
        send(bobTab1, alice, "hi, we have a dialog now");
        long dialog = dialogId(alice, bob);
        bobTab1.close();
        awaitNoSockets(bob);
        aliceSocket.await(f -> isGoneOffline(f, bob));
        int mark = aliceSocket.mark();

        var tab1 = connect(bob);
        JsonNode online = aliceSocket.awaitAfter(mark, f -> isType(f, "gone-online"));
        assertThat(online.path("usernames").get(0).asString()).isEqualTo(bob.username());
        var tab2 = connect(bob);
        var tab3 = connect(bob);

        tab1.close();
        tab2.abort();
        awaitSockets(bob, 1);
        assertThat(presence.isOnline(userId(bob))).isTrue();
        tab3.close();
        awaitNoSockets(bob);
        aliceSocket.awaitAfter(mark, f -> isGoneOffline(f, bob));
        roundTrip(aliceSocket, dialog);

        // One online for three tabs, one offline when the last one closed; nothing to a non-partner.
        assertThat(aliceSocket.since(mark))
                .extracting(f -> f.path("type").asString())
                .containsExactly("gone-online", "gone-offline", "history");
        assertThat(presence.isOnline(userId(bob))).isFalse();
        assertThat(strangerSocket.frames()).isEmpty();
    }

    @Test
    void aDroppedConnectionWithoutACloseFrameStillMakesTheUserOffline() {
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = connect(alice);
        var bobSocket = connect(bob);
        send(aliceSocket, bob, "hello");
        int mark = aliceSocket.mark();

        bobSocket.abort();

        JsonNode offline = aliceSocket.awaitAfter(mark, f -> isGoneOffline(f, bob));
        assertThat(offline.path("username").asString()).isEqualTo(bob.username());
        awaitNoSockets(bob);
        assertThat(presence.isOnline(userId(bob))).isFalse();
    }

    @Test
    void comingOnlineIsAnnouncedToDialogPartnersOnly() {
        var alice = login("alice");
        var bob = login("bob");
        var stranger = login("stranger");
        var aliceSocket = connect(alice);
        var strangerSocket = connect(stranger);
        send(aliceSocket, bob, "are you there?");

        var bobSocket = connect(bob);

        JsonNode online = aliceSocket.await(f -> isType(f, "gone-online"));
        assertThat(online.path("usernames").valueStream().map(JsonNode::asString))
                .containsExactly(bob.username());
        roundTrip(bobSocket, dialogId(alice, bob));
        assertThat(strangerSocket.frames()).isEmpty();
        assertThat(bobSocket.ofType("gone-online")).isEmpty();
    }

    @Test
    void aReconnectingClientCatchesUpOnEverythingSentMeanwhile() {
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = connect(alice);
        var bobSocket = connect(bob);
        long last = send(aliceSocket, bob, "before the break");
        bobSocket.await(f -> isType(f, "new-message"));
        bobSocket.abort();
        awaitNoSockets(bob);

        long[] meanwhile = {
            send(aliceSocket, bob, "while you were away 1"),
            send(aliceSocket, bob, "while you were away 2"),
            send(aliceSocket, bob, "while you were away 3")
        };

        ChatTestClient.Socket again = connect(bob);
        again.sendJson("type", "history", "username", alice.username(), "after", last);
        JsonNode missed = again.awaitType("history");
        assertThat(missed.path("messages")
                        .valueStream()
                        .map(m -> m.path("message_id").asLong()))
                .containsExactly(meanwhile[0], meanwhile[1], meanwhile[2]);
        assertThat(missed.path("has_more").asBoolean()).isFalse();

        // And live delivery resumes on the new socket.
        long live = send(aliceSocket, bob, "welcome back");
        assertThat(again.await(f -> isType(f, "new-message")).path("message_id").asLong())
                .isEqualTo(live);
    }

    private void awaitSockets(Login login, int count) {
        long id = userId(login);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> registry.connectionsOf(id).size() == count);
    }

    private static boolean isGoneOffline(JsonNode frame, Login who) {
        return isType(frame, "gone-offline")
                && who.username().equals(frame.path("username").asString());
    }
}
