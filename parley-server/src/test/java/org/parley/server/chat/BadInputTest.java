package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.server.support.ChatTestClient.Socket;
import org.parley.server.support.SilentWebSocket;
import tools.jackson.databind.JsonNode;

/**
 * Every kind of bad input of issue 2: each gets an error frame with a stable code to the offending socket
 * alone, the socket stays open and works, nothing is stored (twice or half), and nobody else notices.
 * Alice misbehaves; her second tab, her partner Bob and the unrelated pair Carol and Dave must not notice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest extends RealtimeTestSupport {

    Login alice;
    Login bob;
    Login carol;
    Login dave;
    Socket aliceSocket;
    Socket aliceTab2;
    Socket bobSocket;
    Socket carolSocket;
    Socket daveSocket;
    long aliceBob;
    long carolDave;
    long carolsMessage;
    long alicesMessage;

    @BeforeAll
    void users() {
        alice = login("alice");
        bob = login("bob");
        carol = login("carol");
        dave = login("dave");
        aliceSocket = connect(alice);
        aliceTab2 = connect(alice);
        bobSocket = connect(bob);
        carolSocket = connect(carol);
        daveSocket = connect(dave);
        alicesMessage = send(aliceSocket, bob, "a good message");
        carolsMessage = send(carolSocket, dave, "a private message");
        aliceBob = dialogId(alice, bob);
        carolDave = dialogId(carol, dave);
    }

    @Test
    void malformedJson() {
        rejected(s -> s.send("{\"type\": \"new-message\", \"username\": "), "bad-json");
        rejected(s -> s.send("not json at all"), "bad-json");
    }

    @Test
    void jsonThatIsNotAnObject() {
        rejected(s -> s.send("[\"new-message\"]"), "bad-json");
        rejected(s -> s.send("\"new-message\""), "bad-json");
        rejected(s -> s.send("null"), "bad-json");
        // Nesting deep enough to overflow a naive recursive parser's stack, well inside the frame limit.
        rejected(s -> s.send("[".repeat(30_000) + "]".repeat(30_000)), "bad-json");
        rejected(s -> s.send("{\"a\":".repeat(6_000) + "1" + "}".repeat(6_000)), "bad-json");
    }

    @Test
    void aBinaryFrame() {
        rejected(
                s -> s.sendBinary("{\"type\":\"new-message\"}".getBytes(StandardCharsets.UTF_8)),
                "binary-not-supported");
    }

    @Test
    void anUnknownType() {
        JsonNode error = rejected(s -> s.sendJson("type", "launch-missiles"), "unknown-type");
        assertThat(error.path("message").asString()).contains("launch-missiles");
    }

    @Test
    void missingFields() {
        rejected(s -> s.sendJson("message", "no type"), "missing-field");
        rejected(s -> s.sendJson("type", "new-message", "username", bob.username()), "missing-field");
        rejected(s -> s.sendJson("type", "new-message", "message", "to whom?"), "missing-field");
        rejected(s -> s.sendJson("type", "read_message"), "missing-field");
        rejected(s -> s.sendJson("type", "is-typing"), "missing-field");
        rejected(s -> s.sendJson("type", "history"), "missing-field");
        rejected(
                s -> s.sendJson("type", "new-message", "username", null, "message", "null is missing"),
                "missing-field");
    }

    @Test
    void wrongTypedFields() {
        rejected(s -> s.sendJson("type", 5), "wrong-field-type");
        rejected(s -> s.sendJson("type", "new-message", "username", bob.username(), "message", 42), "wrong-field-type");
        rejected(s -> s.sendJson("type", "new-message", "dialog_id", "abc", "message", "x"), "wrong-field-type");
        rejected(s -> s.sendJson("type", "new-message", "dialog_id", 1.5, "message", "x"), "wrong-field-type");
        rejected(
                s -> s.sendJson("type", "new-message", "username", List.of(bob.username()), "message", "x"),
                "wrong-field-type");
        rejected(s -> s.sendJson("type", "read_message", "message_id", "seventeen"), "wrong-field-type");
        rejected(s -> s.sendJson("type", "is-typing", "username", bob.username(), "typing", "yes"), "wrong-field-type");
        rejected(s -> s.sendJson("type", "history", "dialog_id", aliceBob, "before", "yesterday"), "wrong-field-type");
        JsonNode error = rejected(
                s -> s.sendJson("type", "new-message", "username", bob.username(), "message", "x", "client_id", 7),
                "wrong-field-type");
        assertThat(error.path("message").asString()).contains("client_id");
        rejected(
                s -> s.sendJson(
                        "type",
                        "new-message",
                        "username",
                        bob.username(),
                        "message",
                        "x",
                        "client_id",
                        "x".repeat(101)),
                "wrong-field-type");
    }

    @Test
    void anErrorRepeatsTheFramesClientIdAndRoomOnlyWhenTheyAreUsable() {
        // So a page shows the error beside the right message and in the right room.
        JsonNode named =
                rejected(s -> s.sendJson("type", "launch-missiles", "client_id", "c-1", "room_id", 42), "unknown-type");
        assertThat(named.path("client_id").asString()).isEqualTo("c-1");
        assertThat(named.path("room_id").asLong()).isEqualTo(42);
        // An over-long client_id is not repeated; the room still is.
        JsonNode longId = rejected(
                s -> s.sendJson("type", "launch-missiles", "client_id", "x".repeat(101), "room_id", 42),
                "unknown-type");
        assertThat(longId.has("client_id")).isFalse();
        assertThat(longId.path("room_id").asLong()).isEqualTo(42);
        // A client_id that is not text is what gets refused: the error names neither.
        JsonNode wrongId =
                rejected(s -> s.sendJson("type", "launch-missiles", "client_id", 7, "room_id", 42), "wrong-field-type");
        assertThat(wrongId.has("client_id")).isFalse();
        assertThat(wrongId.has("room_id")).isFalse();
    }

    @Test
    void emptyOrInvalidText() {
        rejected(s -> s.sendJson("type", "new-message", "username", bob.username(), "message", "  \n "), "text-empty");
        rejected(
                s -> s.sendJson("type", "new-message", "username", bob.username(), "message", "a\u0000b"),
                "text-invalid");
    }

    @Test
    void aTextOverTheCharacterLimit() {
        JsonNode error = rejected(
                s -> s.sendJson(
                        "type",
                        "new-message",
                        "username",
                        bob.username(),
                        "message",
                        "x".repeat(10_001),
                        "client_id",
                        "long-1"),
                "text-too-long");
        assertThat(error.path("client_id").asString()).isEqualTo("long-1");

        // The limit itself is fine, counted in characters: 10,000 emoji are 20,000 UTF-16 units.
        String emoji = "\uD83D\uDE00".repeat(10_000);
        long before = storedMessagesBetween(alice, bob);
        long id = send(aliceSocket, bob, emoji);
        assertThat(jdbc.sql("select text from chat_message where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo(emoji);
        assertThat(storedMessagesBetween(alice, bob)).isEqualTo(before + 1);
    }

    @Test
    void aFrameOverTheFrameLimitClosesThatSocketWith1009() {
        var extraTab = connect(alice);
        long stored = storedMessages();

        extraTab.send("{\"type\":\"new-message\",\"username\":\"" + bob.username() + "\",\"message\":\""
                + "y".repeat(70_000) + "\"}");

        assertThat(extraTab.awaitClosed()).isEqualTo(1009);
        assertThat(storedMessages()).isEqualTo(stored);
        assertStillWorksAndNobodyElseNoticed(Set.of());
    }

    @Test
    void aMessageSentInSeveralFramesIsPutTogether() {
        long before = storedMessagesBetween(alice, bob);
        String text = "in parts ".repeat(1_000);
        String json = "{\"type\":\"new-message\",\"username\":\"" + bob.username() + "\",\"message\":\"" + text
                + "\",\"client_id\":\"parts-1\"}";
        int mark = aliceSocket.mark();

        aliceSocket.sendInParts(json.substring(0, 10), json.substring(10, 5_000), json.substring(5_000));

        JsonNode echo = aliceSocket.awaitAfter(
                mark, f -> "parts-1".equals(f.path("client_id").asString()));
        assertThat(isType(echo, "new-message")).as(echo.toString()).isTrue();
        assertThat(echo.path("message").asString()).isEqualTo(text);
        assertThat(storedMessagesBetween(alice, bob)).isEqualTo(before + 1);
        assertStillWorksAndNobodyElseNoticed(Set.of());
    }

    @Test
    void framesOfOneMessageAddingUpToOverTheFrameLimitCloseThatSocketWith1009() {
        var extraTab = connect(alice);
        long stored = storedMessages();
        String part = "y".repeat(30_000);

        try {
            extraTab.sendInParts(
                    "{\"type\":\"new-message\",\"username\":\"" + bob.username() + "\",\"message\":\"" + part,
                    part,
                    part + "\"}");
        } catch (java.util.concurrent.CompletionException closedMeanwhile) {
            // The server may close before the last part is out; the close code is what counts.
        }

        assertThat(extraTab.awaitClosed()).isEqualTo(1009);
        assertThat(storedMessages()).isEqualTo(stored);
        assertStillWorksAndNobodyElseNoticed(Set.of());
    }

    @Test
    void aTextFrameThatIsNotUtf8ClosesThatSocketWith1007() throws Exception {
        long stored = storedMessages();
        try (var raw = SilentWebSocket.open(socketPort(), "/ws", alice.client().sessionCookie())) {
            raw.sendRawFrame(0x1, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, true);
            assertThat(raw.awaitCloseCode(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(1007);
        }
        assertThat(storedMessages()).isEqualTo(stored);
        assertStillWorksAndNobodyElseNoticed(Set.of());
    }

    @Test
    void anUnmaskedFrameClosesThatSocketWith1002() throws Exception {
        try (var raw = SilentWebSocket.open(socketPort(), "/ws", alice.client().sessionCookie())) {
            raw.sendRawFrame(0x1, "{\"type\":\"rooms\"}".getBytes(StandardCharsets.UTF_8), false);
            assertThat(raw.awaitCloseCode(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(1002);
        }
        assertStillWorksAndNobodyElseNoticed(Set.of());
    }

    @Test
    void aMessageToAnUnknownUserOrToOneself() {
        rejected(
                s -> s.sendJson("type", "new-message", "username", "no-such-user", "message", "hello?"),
                "user-not-found");
        assertThat(aliceSocket.ofType("user-not-found")).isNotEmpty();
        assertThat(jdbc.sql("select count(*) from dialog where owner_id = ? or opponent_id = ?")
                        .params(userId(alice), userId(alice))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        rejected(
                s -> s.sendJson("type", "new-message", "username", alice.username(), "message", "me to me"),
                "invalid-recipient");
        rejected(s -> s.sendJson("type", "is-typing", "username", "no-such-user"), "user-not-found");
    }

    @Test
    void aReadReceiptForAMessageNotSentToThisUser() {
        // Her own message, someone else's message, and a message that does not exist: all look the same.
        rejected(s -> s.sendJson("type", "read_message", "message_id", alicesMessage), "message-not-found");
        rejected(s -> s.sendJson("type", "read_message", "message_id", carolsMessage), "message-not-found");
        rejected(s -> s.sendJson("type", "read_message", "message_id", Long.MAX_VALUE), "message-not-found");

        assertThat(jdbc.sql("select count(*) from chat_message where id in (?, ?) and is_read")
                        .params(alicesMessage, carolsMessage)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(carolSocket.ofType("opponent-read-message")).isEmpty();
        assertThat(bobSocket.ofType("opponent-read-message")).isEmpty();
    }

    @Test
    void aDialogIdThatIsNotTheUsers() {
        rejected(
                s -> s.sendJson("type", "new-message", "dialog_id", carolDave, "message", "let me in"),
                "dialog-not-found");
        rejected(s -> s.sendJson("type", "history", "dialog_id", carolDave), "dialog-not-found");
        rejected(s -> s.sendJson("type", "is-typing", "dialog_id", carolDave), "dialog-not-found");
        // A dialog that does not exist gets the same answer, so nobody learns which ids exist.
        JsonNode notMine = rejected(s -> s.sendJson("type", "history", "dialog_id", carolDave), "dialog-not-found");
        JsonNode none = rejected(s -> s.sendJson("type", "history", "dialog_id", 999_999_999L), "dialog-not-found");
        assertThat(none.path("message").asString())
                .isEqualTo(notMine.path("message").asString());

        assertThat(carolSocket.ofType("opponent-typing")).isEmpty();
        assertThat(daveSocket.ofType("opponent-typing")).isEmpty();
    }

    @Test
    void aMessageFloodIsRateLimitedForThatUserAloneAndEachMessageIsAnsweredOnce() {
        var eve = login("eve");
        var frank = login("frank");
        var eveSocket = connect(eve);
        var frankSocket = connect(frank);
        int sent = 80;

        for (int i = 0; i < sent; i++) {
            eveSocket.sendJson(
                    "type",
                    "new-message",
                    "username",
                    frank.username(),
                    "message",
                    "flood " + i,
                    "client_id",
                    "f-" + i);
        }

        // Every message is answered exactly once: stored and echoed, or refused with rate-limited.
        List<JsonNode> answers = eveSocket.awaitCount(
                f -> f.path("client_id").asString().startsWith("f-"), sent, java.time.Duration.ofSeconds(60));
        assertThat(answers).hasSize(sent);
        assertThat(answers.stream().map(f -> f.path("client_id").asString()).distinct())
                .hasSize(sent);
        List<JsonNode> refused =
                answers.stream().filter(f -> isType(f, "error")).toList();
        long accepted = answers.stream().filter(f -> isType(f, "new-message")).count();
        assertThat(refused)
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.path("code").asString()).isEqualTo("rate-limited"));
        assertThat(accepted).isGreaterThanOrEqualTo(20); // the burst
        assertThat(storedMessagesBetween(eve, frank)).isEqualTo(accepted);
        frankSocket.awaitCount(f -> isType(f, "new-message"), (int) accepted, java.time.Duration.ofSeconds(30));
        assertThat(frankSocket.ofType("error")).isEmpty();

        // Nobody else is slowed down or disconnected, and Eve's socket stays open.
        send(carolSocket, dave, "unaffected by eve");
        daveSocket.await(f -> "unaffected by eve".equals(f.path("message").asString()));
        assertThat(eveSocket.isClosed()).isFalse();
        assertStillWorksAndNobodyElseNoticed(Set.of());
    }

    @Test
    void aFrameFloodIsRateLimitedToo() {
        var gina = login("gina");
        var hank = login("hank");
        var ginaSocket = connect(gina);
        var hankSocket = connect(hank);
        send(ginaSocket, hank, "hi");
        int sent = 300;

        for (int i = 0; i < sent; i++) {
            ginaSocket.sendJson("type", "is-typing", "username", hank.username());
        }

        // Once the bucket refills, Gina is answered again; by then all her frames have been handled.
        long dialog = dialogId(gina, hank);
        var polls = new java.util.concurrent.atomic.AtomicInteger();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> {
                    int mark = ginaSocket.mark();
                    polls.incrementAndGet();
                    ginaSocket.sendJson("type", "history", "dialog_id", dialog, "limit", 1);
                    JsonNode answer = ginaSocket.awaitAfter(mark, f -> isType(f, "history") || isType(f, "error"));
                    return isType(answer, "history");
                });
        List<JsonNode> errors = ginaSocket.ofType("error");
        assertThat(errors).allSatisfy(f -> assertThat(f.path("code").asString()).isEqualTo("rate-limited"));
        // Frames of one socket are handled in order: every refusal but those of the polls refused a typing frame.
        long refusedTyping = errors.size() - (polls.get() - 1);
        assertThat(refusedTyping).isPositive();
        hankSocket.awaitCount(
                f -> isType(f, "opponent-typing"), (int) (sent - refusedTyping), java.time.Duration.ofSeconds(30));
        roundTrip(hankSocket, dialog);
        assertThat(hankSocket.ofType("opponent-typing")).hasSize((int) (sent - refusedTyping));
        assertThat(ginaSocket.isClosed()).isFalse();
        assertStillWorksAndNobodyElseNoticed(Set.of());
    }

    /**
     * Sends bad input from Alice's first socket and checks the rules; returns the error frame. {@code send}
     * must not store anything or notify anybody.
     */
    private JsonNode rejected(Consumer<Socket> send, String code) {
        long stored = storedMessages();
        long dialogs = jdbc.sql("select count(*) from dialog").query(Long.class).single();
        int mark = aliceSocket.mark();

        send.accept(aliceSocket);

        JsonNode error = aliceSocket.awaitAfter(mark, f -> isType(f, "error"));
        assertThat(error.path("code").asString()).as(error.toString()).isEqualTo(code);
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(aliceSocket.since(mark).stream().filter(f -> isType(f, "error")))
                .as("exactly one error frame")
                .hasSize(1);
        assertThat(storedMessages()).isEqualTo(stored);
        assertThat(jdbc.sql("select count(*) from dialog").query(Long.class).single())
                .isEqualTo(dialogs);
        assertStillWorksAndNobodyElseNoticed(Set.of());
        return error;
    }

    private void assertStillWorksAndNobodyElseNoticed(Set<String> ignored) {
        assertThat(aliceSocket.isClosed()).isFalse();
        roundTrip(aliceSocket, aliceBob);
        for (Socket other : List.of(aliceTab2, bobSocket, carolSocket, daveSocket)) {
            assertThat(other.isClosed()).isFalse();
        }
        roundTrip(aliceTab2, aliceBob);
        roundTrip(bobSocket, aliceBob);
        roundTrip(carolSocket, carolDave);
        roundTrip(daveSocket, carolDave);
        for (Socket other : List.of(aliceTab2, bobSocket, carolSocket, daveSocket)) {
            assertThat(other.ofType("error")).isEmpty();
            assertThat(typesOf(other)).isSubsetOf(Set.of("new-message", "new-dialog", "history", "gone-online"));
        }
        assertNoInternals(aliceSocket);
    }

    private static Set<String> typesOf(Socket socket) {
        return socket.frames().stream().map(f -> f.path("type").asString()).collect(Collectors.toSet());
    }
}
