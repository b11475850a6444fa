package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.server.support.PrivateChatTestClient;
import tools.jackson.databind.JsonNode;

/** Every native frame type, through real sockets against the server (docs/protocol.md). */
class NativeProtocolTest extends RealtimeTestSupport {

    @Test
    void aNewMessageIsStoredAndReachesBothUsersWithTheClientIdEchoed() {
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = connect(alice);
        var aliceTab2 = connect(alice);
        var bobSocket = connect(bob);

        aliceSocket.sendJson(
                "type", "new-message", "username", bob.username(), "message", "<b>hi</b> & bye", "client_id", "c-1");

        JsonNode received = bobSocket.awaitType("new-message");
        JsonNode echo = aliceSocket.awaitType("new-message");
        JsonNode otherTab = aliceTab2.awaitType("new-message");
        assertThat(received.path("message").asString()).isEqualTo("<b>hi</b> & bye");
        assertThat(received.path("sender_name").asString()).isEqualTo(alice.username());
        assertThat(received.path("username").asString()).isEqualTo(bob.username());
        assertThat(received.path("read").asBoolean()).isFalse();
        assertThat(received.path("created").asString()).matches("\\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d:\\d\\d");
        assertThat(Instant.parse(received.path("timestamp").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(echo.path("client_id").asString()).isEqualTo("c-1");
        assertThat(otherTab.path("client_id").asString()).isEqualTo("c-1");
        long id = received.path("message_id").asLong();
        assertThat(echo.path("message_id").asLong()).isEqualTo(id);
        assertThat(echo.path("dialog_id").asLong()).isEqualTo(dialogId(alice, bob));

        // Stored exactly once, with the text as sent (escaping is the output's job, not the store's).
        assertThat(jdbc.sql("select text from chat_message where id = ?")
                        .param(id)
                        .query(String.class)
                        .list())
                .containsExactly("<b>hi</b> & bye");
        assertThat(storedMessagesBetween(alice, bob)).isEqualTo(1);
        // Each socket got the message once.
        assertThat(bobSocket.ofType("new-message")).hasSize(1);
        assertThat(aliceSocket.ofType("new-message")).hasSize(1);
    }

    @Test
    void aMessageCanBeSentToADialogById() {
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = connect(alice);
        var bobSocket = connect(bob);
        send(aliceSocket, bob, "first");
        long dialog = dialogId(alice, bob);

        bobSocket.sendJson("type", "new-message", "dialog_id", dialog, "message", "by id", "client_id", "b-1");

        JsonNode received = aliceSocket.await(f ->
                isType(f, "new-message") && "by id".equals(f.path("message").asString()));
        assertThat(received.path("sender_name").asString()).isEqualTo(bob.username());
        assertThat(received.path("dialog_id").asLong()).isEqualTo(dialog);
        assertThat(bobSocket.await(f -> "b-1".equals(f.path("client_id").asString())))
                .isNotNull();
        assertThat(storedMessagesBetween(alice, bob)).isEqualTo(2);
    }

    @Test
    void typingReachesOnlyTheOpponentAndIsNeverStored() {
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = connect(alice);
        var bobSocket = connect(bob);
        send(aliceSocket, bob, "hello");
        long stored = storedMessages();

        aliceSocket.sendJson("type", "is-typing", "username", bob.username(), "typing", true);
        JsonNode typing = bobSocket.awaitType("opponent-typing");
        assertThat(typing.path("username").asString()).isEqualTo(alice.username());
        assertThat(typing.path("dialog_id").asLong()).isEqualTo(dialogId(alice, bob));

        // By dialog id too; "typing": false announces nothing.
        aliceSocket.sendJson("type", "is-typing", "dialog_id", dialogId(alice, bob), "typing", false);
        aliceSocket.sendJson("type", "is-typing", "dialog_id", dialogId(alice, bob));
        bobSocket.awaitCount(f -> isType(f, "opponent-typing"), 2);
        roundTrip(bobSocket, dialogId(alice, bob));
        roundTrip(aliceSocket, dialogId(alice, bob));

        assertThat(bobSocket.ofType("opponent-typing")).hasSize(2);
        assertThat(aliceSocket.ofType("opponent-typing")).isEmpty();
        assertThat(storedMessages()).isEqualTo(stored);
    }

    @Test
    void aReadReceiptGoesToTheSenderOnlyAndOnlyOnce() {
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = connect(alice);
        var bobSocket = connect(bob);
        var bobTab2 = connect(bob);
        long id = send(aliceSocket, bob, "read me");
        long dialog = dialogId(alice, bob);

        bobSocket.sendJson("type", "read_message", "username", alice.username(), "message_id", id);
        JsonNode receipt = aliceSocket.awaitType("opponent-read-message");
        assertThat(receipt.path("username").asString()).isEqualTo(bob.username());
        assertThat(receipt.path("message_id").asLong()).isEqualTo(id);
        assertThat(receipt.path("dialog_id").asLong()).isEqualTo(dialog);
        assertThat(jdbc.sql("select is_read from chat_message where id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isTrue();

        // Reading it again (the id as a string, as old clients send it) changes nothing and tells nobody.
        bobTab2.sendJson("type", "read_message", "message_id", String.valueOf(id));
        roundTrip(bobTab2, dialog);
        roundTrip(aliceSocket, dialog);
        assertThat(aliceSocket.ofType("opponent-read-message")).hasSize(1);
        assertThat(bobSocket.ofType("opponent-read-message")).isEmpty();
        assertThat(bobTab2.ofType("opponent-read-message")).isEmpty();
        assertThat(bobTab2.ofType("error")).isEmpty();

        // History shows it read.
        bobSocket.sendJson("type", "history", "dialog_id", dialog);
        JsonNode page = bobSocket.awaitType("history");
        assertThat(page.path("messages").get(0).path("read").asBoolean()).isTrue();
    }

    @Test
    void aReadReachesEveryNativeSocketOfTheReaderSoOtherTabsLowerTheirUnreadCounts() {
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = connect(alice);
        var bobReading = connect(bob);
        var bobListTab = connect(bob);
        // Bob also has the original django-private-chat page open on this dialog: it has no unread counts and
        // its read handler expects the opponent's name, so it must get nothing for its own read.
        var bobPrivateChat = PrivateChatTestClient.of(bob.client());
        var bobOriginalPage = bobPrivateChat.openReady(alice.username());
        long id = send(aliceSocket, bob, "read me in one tab");
        long dialog = dialogId(alice, bob);
        bobOriginalPage.await(f -> isType(f, "new-message"));

        bobReading.sendJson("type", "read_message", "message_id", id, "client_id", "read-" + id);

        for (var tab : List.of(bobReading, bobListTab)) {
            JsonNode read = tab.awaitType("message-read");
            assertThat(read.path("message_id").asLong()).isEqualTo(id);
            assertThat(read.path("dialog_id").asLong()).isEqualTo(dialog);
        }
        // The sender still gets the receipt as before, and no "message-read" of its own.
        assertThat(aliceSocket
                        .awaitType("opponent-read-message")
                        .path("username")
                        .asString())
                .isEqualTo(bob.username());

        // Reading it again tells nobody anything: the count must drop once.
        bobListTab.sendJson("type", "read_message", "message_id", id);
        roundTrip(bobListTab, dialog);
        roundTrip(bobReading, dialog);
        roundTrip(aliceSocket, dialog);
        int mark = bobOriginalPage.mark();
        bobOriginalPage.send(PrivateChatTestClient.checkOnline(bobPrivateChat.sessionKey(), alice.username()));
        bobOriginalPage.awaitAfter(mark, f -> isType(f, "gone-online"));
        assertThat(bobReading.ofType("message-read")).hasSize(1);
        assertThat(bobListTab.ofType("message-read")).hasSize(1);
        assertThat(aliceSocket.ofType("message-read")).isEmpty();
        assertThat(bobOriginalPage.frames())
                .noneMatch(f -> isType(f, "message-read") || isType(f, "opponent-read-message"));
    }

    @Test
    void checkOnlineListsTheDialogPartnersWhoAreOnline() {
        var alice = login("alice");
        var bob = login("bob");
        var carol = login("carol");
        var stranger = login("stranger");
        var aliceSocket = connect(alice);
        connect(bob);
        connect(stranger);
        send(aliceSocket, bob, "to bob");
        send(aliceSocket, carol, "to carol, who is offline");

        int mark = aliceSocket.mark();
        aliceSocket.sendJson("type", "check-online", "username", bob.username());
        JsonNode online = aliceSocket.awaitAfter(mark, f -> isType(f, "gone-online"));

        assertThat(online.path("usernames").valueStream().map(JsonNode::asString))
                .containsExactly(bob.username());
    }

    @Test
    void historyPagesBackwardsAndCatchesUpForwards() {
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = connect(alice);
        var bobSocket = connect(bob);
        long[] ids = new long[7];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = send(aliceSocket, bob, "m" + i);
        }
        long dialog = dialogId(alice, bob);

        JsonNode newest = history(bobSocket, "dialog_id", dialog, "limit", 3);
        assertThat(texts(newest)).containsExactly("m4", "m5", "m6");
        assertThat(newest.path("has_more").asBoolean()).isTrue();
        assertThat(newest.path("direction").asString()).isEqualTo("before");

        JsonNode older = history(bobSocket, "dialog_id", dialog, "limit", 3, "before", ids[4]);
        assertThat(texts(older)).containsExactly("m1", "m2", "m3");
        assertThat(older.path("has_more").asBoolean()).isTrue();

        JsonNode oldest = history(bobSocket, "dialog_id", dialog, "limit", 3, "before", ids[1]);
        assertThat(texts(oldest)).containsExactly("m0");
        assertThat(oldest.path("has_more").asBoolean()).isFalse();

        JsonNode after = history(bobSocket, "username", alice.username(), "limit", 3, "after", ids[1]);
        assertThat(texts(after)).containsExactly("m2", "m3", "m4");
        assertThat(after.path("has_more").asBoolean()).isTrue();
        assertThat(after.path("direction").asString()).isEqualTo("after");

        JsonNode rest = history(bobSocket, "dialog_id", dialog, "after", ids[4]);
        assertThat(texts(rest)).containsExactly("m5", "m6");
        assertThat(rest.path("has_more").asBoolean()).isFalse();
        JsonNode first = rest.path("messages").get(0);
        assertThat(first.path("message_id").asLong()).isEqualTo(ids[5]);
        assertThat(first.path("sender_name").asString()).isEqualTo(alice.username());
        assertThat(first.path("dialog_id").asLong()).isEqualTo(dialog);
    }

    @Test
    void aDialogStartedBySomeoneElseIsAnnouncedBeforeItsFirstMessage() {
        var carol = login("carol");
        var dave = login("dave");
        var carolSocket = connect(carol);
        var daveSocket = connect(dave);

        carolSocket.sendJson("type", "new-message", "username", dave.username(), "message", "hello dave");

        daveSocket.awaitType("new-message");
        List<JsonNode> frames = daveSocket.frames();
        assertThat(frames).extracting(f -> f.path("type").asString()).containsExactly("new-dialog", "new-message");
        JsonNode announced = frames.get(0);
        assertThat(announced.path("owner").asString()).isEqualTo(carol.username());
        assertThat(announced.path("opponent").asString()).isEqualTo(dave.username());
        assertThat(announced.path("dialog_id").asLong()).isEqualTo(dialogId(carol, dave));
        assertThat(carolSocket.awaitType("new-dialog").path("dialog_id").asLong())
                .isEqualTo(dialogId(carol, dave));

        // A second message starts nothing new.
        send(carolSocket, dave, "again");
        daveSocket.awaitCount(f -> isType(f, "new-message"), 2);
        assertThat(daveSocket.ofType("new-dialog")).hasSize(1);
        assertThat(dialogCount(carol, dave)).isEqualTo(1);
    }

    @Test
    void aMessageToAnUnknownUserAnswersUserNotFoundAndStoresNothing() {
        var alice = login("alice");
        var aliceSocket = connect(alice);
        long stored = storedMessages();

        aliceSocket.sendJson(
                "type", "new-message", "username", "nobody-here", "message", "anyone?", "client_id", "lost-1");

        JsonNode notFound = aliceSocket.awaitType("user-not-found");
        assertThat(notFound.path("username").asString()).isEqualTo("nobody-here");
        JsonNode error = aliceSocket.awaitType("error");
        assertThat(error.path("code").asString()).isEqualTo("user-not-found");
        assertThat(error.path("client_id").asString()).isEqualTo("lost-1");
        assertThat(storedMessages()).isEqualTo(stored);
    }

    @Test
    void theOldOnlineAndOfflineAnnouncementsAreAcceptedAndChangeNothing() {
        var alice = login("alice");
        var bob = login("bob");
        var aliceSocket = connect(alice);
        var bobSocket = connect(bob);
        send(aliceSocket, bob, "hi");
        int mark = bobSocket.mark();

        aliceSocket.sendJson("type", "offline", "username", bob.username());
        aliceSocket.sendJson("type", "online");
        roundTrip(aliceSocket, dialogId(alice, bob));
        roundTrip(bobSocket, dialogId(alice, bob));

        assertThat(aliceSocket.ofType("error")).isEmpty();
        assertThat(bobSocket.since(mark))
                .extracting(f -> f.path("type").asString())
                .containsOnly("history");
    }

    private static JsonNode history(org.parley.server.support.ChatTestClient.Socket socket, Object... fields) {
        Object[] frame = new Object[fields.length + 2];
        frame[0] = "type";
        frame[1] = "history";
        System.arraycopy(fields, 0, frame, 2, fields.length);
        int mark = socket.mark();
        socket.sendJson(frame);
        return socket.awaitAfter(mark, f -> isType(f, "history"));
    }

    private static List<String> texts(JsonNode page) {
        return page.path("messages")
                .valueStream()
                .map(m -> m.path("message").asString())
                .toList();
    }
}
