package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.support.PrivateChatTestClient.checkOnline;
import static org.parley.server.support.PrivateChatTestClient.handshakeStatus;
import static org.parley.server.support.PrivateChatTestClient.isTyping;
import static org.parley.server.support.PrivateChatTestClient.newMessage;
import static org.parley.server.support.PrivateChatTestClient.offline;
import static org.parley.server.support.PrivateChatTestClient.online;
import static org.parley.server.support.PrivateChatTestClient.readMessage;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.server.account.AccountRepository;
import org.parley.server.support.ChatTestClient;
import org.parley.server.support.ChatTestClient.Socket;
import org.parley.server.support.PrivateChatTestClient;
import org.parley.server.support.SocketPorts;
import org.parley.server.token.ApiTokenService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The django-private-chat endpoint driven like the original page: a plain WebSocket client without a cookie
 * sends the original's packets in the original's order, and every frame that comes back is checked field by
 * field (names, types, escaping, no key).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PrivateChatCompatibilityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CREATED = "\\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}:\\d{2}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChatUserDirectory users;

    @Autowired
    ApiTokenService apiTokens;

    @Autowired
    AccountRepository accounts;

    @Autowired
    ApplicationContext context;

    /** Where the sockets are: the chat port when the server has one (the ChatPort variant), else this port. */
    int socketPort() {
        return SocketPorts.socketPort(context, port);
    }

    private static String name(String base) {
        return ChatTestClient.uniqueUsername(base);
    }

    private PrivateChatTestClient user(String base) {
        return PrivateChatTestClient.signUp(port, name(base));
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** A frame without its {@code created} value (checked on its own), to compare the rest exactly. */
    private static JsonNode withoutCreated(JsonNode frame) {
        var copy = frame.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) copy).remove("created");
        return copy;
    }

    @Test
    void theOriginalPagesPacketsInTheOriginalOrderGetTheOriginalFramesBack() {
        String alice = name("alice");
        String bob = name("bob");
        var a = PrivateChatTestClient.signUp(port, alice);
        var b = PrivateChatTestClient.signUp(port, bob);

        Socket bobPage = b.open(alice);
        bobPage.send(online(b.sessionKey())).send(checkOnline(b.sessionKey(), alice));
        assertThat(bobPage.awaitType("gone-online")).isEqualTo(json("{\"type\":\"gone-online\",\"usernames\":[]}"));

        Socket alicePage = a.open(bob);
        alicePage.send(online(a.sessionKey())).send(checkOnline(a.sessionKey(), bob));
        assertThat(alicePage.awaitType("gone-online"))
                .isEqualTo(json("{\"type\":\"gone-online\",\"usernames\":[\"" + bob + "\"]}"));
        bobPage.await(f -> f.equals(json("{\"type\":\"gone-online\",\"usernames\":[\"" + alice + "\"]}")));

        // One is-typing per key press, not throttled: one opponent-typing each, naming the typist.
        for (int i = 0; i < 3; i++) {
            alicePage.send(isTyping(a.sessionKey(), bob));
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> bobPage.ofType("opponent-typing").size() == 3);
        assertThat(bobPage.ofType("opponent-typing"))
                .allSatisfy(f ->
                        assertThat(f).isEqualTo(json("{\"type\":\"opponent-typing\",\"username\":\"" + alice + "\"}")));

        alicePage.send(newMessage(a.sessionKey(), bob, "<b>hi</b> & 'you' \"there\""));
        JsonNode toBob = bobPage.awaitType("new-message");
        JsonNode toAlice = alicePage.awaitType("new-message");
        assertThat(toBob).isEqualTo(toAlice);
        assertThat(toBob.path("created").isString()).isTrue();
        assertThat(toBob.path("created").asString()).matches(CREATED);
        assertThat(toBob.path("message_id").isIntegralNumber()).isTrue();
        long messageId = toBob.path("message_id").asLong();
        assertThat(withoutCreated(toBob))
                .isEqualTo(json("{\"type\":\"new-message\",\"username\":\"" + bob + "\","
                        + "\"message\":\"&lt;b&gt;hi&lt;/b&gt; &amp; &#39;you&#39; &quot;there&quot;\","
                        + "\"sender_name\":\"" + alice + "\",\"message_id\":" + messageId + "}"));

        bobPage.send(readMessage(b.sessionKey(), alice, messageId));
        assertThat(alicePage.awaitType("opponent-read-message"))
                .isEqualTo(json("{\"type\":\"opponent-read-message\",\"username\":\"" + bob + "\",\"message_id\":"
                        + messageId + "}"));
        assertThat(jdbc.sql("select is_read from chat_message where id = ?")
                        .param(messageId)
                        .query(Boolean.class)
                        .single())
                .isTrue();

        alicePage.send(offline(a.sessionKey(), bob));
        alicePage.close();
        assertThat(bobPage.awaitType("gone-offline"))
                .isEqualTo(json("{\"type\":\"gone-offline\",\"username\":\"" + alice + "\"}"));

        // No frame ever carried a key, and no packet was answered with an error.
        for (Socket page : new Socket[] {alicePage, bobPage}) {
            assertThat(page.frames())
                    .allSatisfy(f -> assertThat(f.toString())
                            .doesNotContain(a.sessionKey())
                            .doesNotContain(b.sessionKey())
                            .doesNotContain("session_key"));
            assertThat(page.ofType("error")).isEmpty();
        }
    }

    @Test
    void aMessageReachesTheSendersDialogSocketsAndEveryRecipientSocketButNotTheSendersOtherDialogs() {
        String alice = name("alice");
        String bob = name("bob");
        String carol = name("carol");
        var a = PrivateChatTestClient.signUp(port, alice);
        var b = PrivateChatTestClient.signUp(port, bob);
        var c = PrivateChatTestClient.signUp(port, carol);
        Socket aliceWithBob = a.openReady(bob);
        Socket aliceWithBobTab2 = a.openReady(bob);
        Socket aliceWithCarol = a.openReady(carol);
        Socket bobWithAlice = b.openReady(alice);
        Socket bobWithCarol = b.openReady(carol);
        Socket carolWithAlice = c.openReady(alice);

        aliceWithBob.send(newMessage(a.sessionKey(), bob, "for bob"));
        JsonNode delivered = bobWithAlice.awaitType("new-message");
        // The recipient's page for another dialog gets it too: that is what flashes the sender's button.
        assertThat(bobWithCarol.awaitType("new-message")).isEqualTo(delivered);
        assertThat(aliceWithBob.awaitType("new-message")).isEqualTo(delivered);
        assertThat(aliceWithBobTab2.awaitType("new-message")).isEqualTo(delivered);

        // Typing and read receipts only reach the dialog's own sockets.
        aliceWithBob.send(isTyping(a.sessionKey(), bob));
        bobWithAlice.awaitType("opponent-typing");
        bobWithAlice.send(
                readMessage(b.sessionKey(), alice, delivered.path("message_id").asLong()));
        aliceWithBob.awaitType("opponent-read-message");
        aliceWithBobTab2.awaitType("opponent-read-message");

        // A later frame to the sender's other dialog socket and to the recipient's other dialog socket proves
        // the earlier ones were not merely slow.
        carolWithAlice.send(newMessage(c.sessionKey(), alice, "marker"));
        aliceWithCarol.await(f -> "marker".equals(f.path("message").asString()));
        c.openReady(bob).send(newMessage(c.sessionKey(), bob, "marker"));
        bobWithCarol.await(f -> "marker".equals(f.path("message").asString()));

        assertThat(aliceWithCarol.ofType("new-message"))
                .noneSatisfy(f -> assertThat(f.path("sender_name").asString()).isEqualTo(alice));
        assertThat(aliceWithCarol.ofType("opponent-read-message")).isEmpty();
        assertThat(bobWithCarol.ofType("opponent-typing")).isEmpty();
        assertThat(carolWithAlice.ofType("new-message"))
                .noneSatisfy(f -> assertThat(f.path("message").asString()).isEqualTo("for bob"));
    }

    @Test
    void manyTabsStayOnlineUntilTheLastClosesAndADroppedSocketGoesOfflineToo() {
        String alice = name("alice");
        String bob = name("bob");
        var a = PrivateChatTestClient.signUp(port, alice);
        var b = PrivateChatTestClient.signUp(port, bob);
        Socket bobPage = b.openReady(alice);
        Socket tab1 = a.openReady(bob);
        Socket tab2 = a.openReady(bob);
        bobPage.await(f -> f.equals(json("{\"type\":\"gone-online\",\"usernames\":[\"" + alice + "\"]}")));

        // A second tab does not replace the first: both get bob's message.
        bobPage.send(newMessage(b.sessionKey(), alice, "both tabs"));
        tab1.awaitType("new-message");
        tab2.awaitType("new-message");

        // The original page sends offline from onbeforeunload; with another tab open the user is still here.
        tab1.send(offline(a.sessionKey(), bob));
        tab1.close();
        bobPage.send(newMessage(b.sessionKey(), alice, "still there?"));
        tab2.await(f -> "still there?".equals(f.path("message").asString()));
        assertThat(bobPage.ofType("gone-offline")).isEmpty();

        // The last socket drops without a close handshake, like a killed browser.
        tab2.abort();
        assertThat(bobPage.awaitType("gone-offline"))
                .isEqualTo(json("{\"type\":\"gone-offline\",\"username\":\"" + alice + "\"}"));
    }

    @Test
    void everyBadPacketIsAnsweredToItsSenderAloneAndTheEndpointKeepsWorkingForEveryone() {
        String alice = name("alice");
        String bob = name("bob");
        String carol = name("carol");
        String dave = name("dave");
        var a = PrivateChatTestClient.signUp(port, alice);
        var b = PrivateChatTestClient.signUp(port, bob);
        var c = PrivateChatTestClient.signUp(port, carol);
        var d = PrivateChatTestClient.signUp(port, dave);
        Socket alicePage = a.openReady(bob);
        Socket bobPage = b.openReady(alice);
        Socket carolPage = c.openReady(dave);
        Socket davePage = d.openReady(carol);

        carolPage.send(newMessage(c.sessionKey(), dave, "carol to dave"));
        long carolsMessage =
                davePage.awaitType("new-message").path("message_id").asLong();
        alicePage.send(newMessage(a.sessionKey(), bob, "alice to bob"));
        long alicesMessage = bobPage.awaitType("new-message").path("message_id").asLong();
        alicePage.awaitType("new-message");

        String ghost = name("nobody");
        String[][] cases = {
            {"not json{", "bad-json"},
            {"[1, 2]", "bad-json"},
            {newMessage(a.sessionKey(), ghost, "hello?"), "user-not-found"},
            {readMessage(a.sessionKey(), bob, "abc"), "wrong-field-type"},
            {readMessage(a.sessionKey(), bob, 1.5), "wrong-field-type"},
            {readMessage(a.sessionKey(), carol, carolsMessage), "message-not-found"},
            {readMessage(a.sessionKey(), bob, alicesMessage), "message-not-found"},
            {readMessage(a.sessionKey(), bob, 987654321), "message-not-found"},
            {newMessage(b.sessionKey(), bob, "with bob's key"), "session-key-mismatch"},
            {"{\"type\": \"online\"}", "missing-field"},
            {
                "{\"type\": \"new-message\", \"session_key\": \"" + a.sessionKey() + "\", \"username\": \"" + bob
                        + "\"}",
                "missing-field"
            },
            {
                "{\"type\": \"new-message\", \"session_key\": \"" + a.sessionKey() + "\", \"username\": \"" + bob
                        + "\", \"message\": \"   \"}",
                "text-empty"
            },
            {
                "{\"type\": \"is-typing\", \"session_key\": \"" + a.sessionKey() + "\", \"username\": \"" + ghost
                        + "\", \"typing\": true}",
                "user-not-found"
            },
            {"{\"type\": \"dance\", \"session_key\": \"" + a.sessionKey() + "\"}", "unknown-type"},
        };
        for (int i = 0; i < cases.length; i++) {
            alicePage.send(cases[i][0]);
            int expected = i + 1;
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> alicePage.ofType("error").size() == expected);
            JsonNode error = alicePage.ofType("error").get(i);
            assertThat(error.path("code").asString()).as(cases[i][0]).isEqualTo(cases[i][1]);
            assertThat(error.path("message").asString()).isNotBlank();
            assertThat(error.toString()).doesNotContain(b.sessionKey()).doesNotContain(a.sessionKey());
        }
        assertThat(alicePage.ofType("user-not-found"))
                .containsExactly(json("{\"type\":\"user-not-found\",\"username\":\"" + ghost + "\"}"));
        assertThat(jdbc.sql("select is_read from chat_message where id in (?, ?)")
                        .params(carolsMessage, alicesMessage)
                        .query(Boolean.class)
                        .list())
                .containsOnly(false);

        // Everybody's socket still works, the offender's included, for every packet type.
        alicePage.send(newMessage(a.sessionKey(), bob, "still works"));
        long after = bobPage.await(f -> "still works".equals(f.path("message").asString()))
                .path("message_id")
                .asLong();
        bobPage.send(readMessage(b.sessionKey(), alice, String.valueOf(after)));
        alicePage.await(f -> "opponent-read-message".equals(f.path("type").asString())
                && f.path("message_id").asLong() == after);
        davePage.send(newMessage(d.sessionKey(), carol, "so does this"));
        carolPage.await(f -> "so does this".equals(f.path("message").asString()));
        assertThat(bobPage.ofType("error")).isEmpty();
        assertThat(carolPage.ofType("error")).isEmpty();
        assertThat(davePage.ofType("error")).isEmpty();
        assertThat(bobPage.isClosed()).isFalse();
        assertThat(alicePage.isClosed()).isFalse();
    }

    @Test
    void aSocketForAnUnknownOpponentOpensAndAnswersUserNotFound() {
        var a = user("alice");
        String ghost = name("ghost");
        Socket page = a.open(ghost);
        page.send(online(a.sessionKey())).send(checkOnline(a.sessionKey(), ghost));
        page.awaitType("gone-online");
        page.send(newMessage(a.sessionKey(), ghost, "anyone?"));
        assertThat(page.awaitType("user-not-found"))
                .isEqualTo(json("{\"type\":\"user-not-found\",\"username\":\"" + ghost + "\"}"));
        assertThat(page.awaitType("error").path("code").asString()).isEqualTo("user-not-found");
    }

    @Test
    void unknownExpiredAndMismatchedKeysAreRefusedAtTheHandshake() {
        String alice = name("alice");
        String bob = name("bob");
        var a = PrivateChatTestClient.signUp(port, alice);
        var b = PrivateChatTestClient.signUp(port, bob);
        String base = "ws://127.0.0.1:" + socketPort() + "/private-chat/";

        assertThat(handshakeStatus(base + a.sessionKey() + "/" + bob, null)).isEqualTo(101);
        assertThat(handshakeStatus(base + "0123456789abcdef0123456789abcdef/" + bob, null))
                .isEqualTo(403);
        // Not the shape of a key: no socket there. The servlet port's security refuses an anonymous request
        // to a path that is not a socket (403); the chat port answers any such path 404.
        int notASocket = SocketPorts.hasChatPort(context) ? 404 : 403;
        assertThat(handshakeStatus(base + "not-a-key/" + bob, null)).isEqualTo(notASocket);
        // The session cookie is not a chat token, and a cookie alone opens nothing (its upper-case hex is not
        // even the shape of a key, so no socket lives at that address: 404).
        String cookie = a.login().sessionCookie();
        String sessionId = cookie.substring(cookie.indexOf('=') + 1);
        assertThat(handshakeStatus(base + sessionId + "/" + bob, cookie)).isIn(403, 404);
        assertThat(handshakeStatus(base + sessionId.toLowerCase() + "/" + bob, cookie))
                .isEqualTo(403);
        // Alice's key on a request logged in as bob.
        assertThat(handshakeStatus(base + a.sessionKey() + "/" + bob, b.login().sessionCookie()))
                .isEqualTo(403);
        assertThat(handshakeStatus(base + a.sessionKey() + "/" + bob, a.login().sessionCookie()))
                .isEqualTo(101);

        // Twelve hours later (the default token-ttl) the key opens nothing; a new one does.
        long aliceId = users.findByUsername(alice).orElseThrow().id();
        var row = jdbc.sql("select created, expires_at from chat_token where user_id = ? order by created")
                .param(aliceId)
                .query((rs, n) -> new OffsetDateTime[] {
                    rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class)
                })
                .list()
                .get(0);
        assertThat(Duration.between(row[0], row[1])).isEqualTo(Duration.ofHours(12));
        jdbc.sql("update chat_token set expires_at = ? where user_id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), aliceId)
                .update();
        assertThat(handshakeStatus(base + a.sessionKey() + "/" + bob, null)).isEqualTo(403);
        var renewed = PrivateChatTestClient.of(a.login());
        assertThat(renewed.sessionKey()).isNotEqualTo(a.sessionKey());
        assertThat(handshakeStatus(base + renewed.sessionKey() + "/" + bob, null))
                .isEqualTo(101);
    }

    @Test
    void theSessionApiNeedsALoginAndGivesAFreshOpaqueKeyAndTheAddress() throws Exception {
        var anonymous = new ChatTestClient(port).get("/api/private-chat/session");
        assertThat(anonymous.statusCode()).isEqualTo(403);

        String erin = name("erin");
        var login = new ChatTestClient(port).signUpAndLogIn(erin, "erin-password");
        var response = login.get("/api/private-chat/session");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        JsonNode body = json(response.body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("session_key", "ws_server_path");
        assertThat(body.path("session_key").asString()).matches("[0-9a-f]{32}");
        assertThat(login.sessionCookie())
                .doesNotContain(body.path("session_key").asString());
        assertThat(body.path("ws_server_path").asString())
                .isEqualTo("ws://127.0.0.1:" + socketPort() + "/private-chat/");
        assertThat(PrivateChatTestClient.of(login).sessionKey())
                .isNotEqualTo(body.path("session_key").asString());
    }

    @Test
    void nativeAndPrivateChatUsersSeeEachOthersPresenceTypingReadsAndMessages() {
        String alice = name("alice");
        String bob = name("bob");
        var aliceLogin = new ChatTestClient(port)
                .signUpAndLogIn(alice, alice + "-password")
                .socketsAt("http://127.0.0.1:" + socketPort());
        var b = PrivateChatTestClient.signUp(port, bob);
        Socket bobPage = b.openReady(alice);

        // Alice comes online on the native socket: bob's old page shows it, and check-online lists her.
        Socket aliceNative = aliceLogin.connect("/ws");
        bobPage.await(f -> f.equals(json("{\"type\":\"gone-online\",\"usernames\":[\"" + alice + "\"]}")));
        int mark = bobPage.mark();
        bobPage.send(checkOnline(b.sessionKey(), alice));
        assertThat(bobPage.awaitAfter(
                        mark, f -> "gone-online".equals(f.path("type").asString())))
                .isEqualTo(json("{\"type\":\"gone-online\",\"usernames\":[\"" + alice + "\"]}"));

        // Native to private chat.
        aliceNative.sendJson("type", "is-typing", "username", bob);
        assertThat(bobPage.awaitType("opponent-typing"))
                .isEqualTo(json("{\"type\":\"opponent-typing\",\"username\":\"" + alice + "\"}"));
        aliceNative.sendJson("type", "new-message", "username", bob, "message", "<i>from native</i>");
        JsonNode atBob = bobPage.awaitType("new-message");
        assertThat(atBob.path("message").asString()).isEqualTo("&lt;i&gt;from native&lt;/i&gt;");
        assertThat(atBob.path("sender_name").asString()).isEqualTo(alice);
        long fromAlice = atBob.path("message_id").asLong();
        bobPage.send(readMessage(b.sessionKey(), alice, fromAlice));
        JsonNode readAtAlice = aliceNative.awaitType("opponent-read-message");
        assertThat(readAtAlice.path("username").asString()).isEqualTo(bob);
        assertThat(readAtAlice.path("message_id").asLong()).isEqualTo(fromAlice);

        // Private chat to native.
        bobPage.send(isTyping(b.sessionKey(), alice));
        assertThat(aliceNative.awaitType("opponent-typing").path("username").asString())
                .isEqualTo(bob);
        bobPage.send(newMessage(b.sessionKey(), alice, "<b>from the old page</b>"));
        JsonNode atAlice =
                aliceNative.await(f -> "new-message".equals(f.path("type").asString())
                        && bob.equals(f.path("sender_name").asString()));
        assertThat(atAlice.path("message").asString()).isEqualTo("<b>from the old page</b>");
        aliceNative.sendJson("type", "read_message", "message_id", atAlice.path("message_id"));
        assertThat(bobPage.awaitType("opponent-read-message"))
                .isEqualTo(json("{\"type\":\"opponent-read-message\",\"username\":\"" + alice + "\",\"message_id\":"
                        + atAlice.path("message_id").asLong() + "}"));

        // Alice leaves the native socket: the old page shows her offline.
        aliceNative.close();
        assertThat(bobPage.awaitType("gone-offline"))
                .isEqualTo(json("{\"type\":\"gone-offline\",\"username\":\"" + alice + "\"}"));
    }
}
