package org.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.cluster.Cluster.open;
import static org.parley.server.cluster.Cluster.user;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.chat.chatport.ChatPortServer;
import org.parley.server.support.ChatTestClient;
import org.parley.server.support.PrivateChatTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes with chat ports and {@code parley.broker=redis}: logins are Spring Session's (in Redis, cookie
 * {@code JSESSIONID} holding the Base64 session id), and a chat port finds them there, so a login made on one
 * node opens the other node's chat port, and its users chat with users on the servlet ports.
 */
class ChatPortClusterTest {

    private static final AtomicInteger USERS = new AtomicInteger();
    private static Cluster cluster;
    private static String nodeA;
    private static String nodeB;

    @BeforeAll
    static void startNodes() {
        cluster = new Cluster(6379, Duration.ofSeconds(30)).with("parley.websocket.chat-port.port", "0");
        nodeA = cluster.start();
        nodeB = cluster.start();
    }

    @AfterAll
    static void stopNodes() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String name(String base) {
        return base + "-cp" + USERS.incrementAndGet();
    }

    private static String chatPortOf(String node) {
        return "http://127.0.0.1:" + cluster.bean(node, ChatPortServer.class).localPort();
    }

    @Test
    void theSessionCookieHoldsTheSpringSessionIdInBase64() {
        var client = user(nodeA, name("lena"));
        String cookie = client.sessionCookie();
        assertThat(cookie).startsWith("JSESSIONID=");
        String id = new String(
                Base64.getDecoder().decode(cookie.substring("JSESSIONID=".length())), StandardCharsets.UTF_8);
        assertThat(id).matches("[0-9a-f-]{36}");
    }

    @Test
    void aLoginOnOneNodeOpensTheOtherNodesChatPortAndChatsWithAServletPortUser() {
        String alice = name("alice");
        String bob = name("bob");
        // Alice logs in on node A; her page is node B's, her socket on node B's chat port.
        var aliceOnB = user(nodeA, alice).onNode(nodeB).socketsAt(chatPortOf(nodeB));
        var aliceSocket = open(aliceOnB);
        // Bob is on node A's servlet port.
        var bobSocket = open(user(nodeA, bob));

        aliceSocket.sendJson(
                "type", "new-message", "username", bob, "message", "from B's chat port", "client_id", "c1");
        JsonNode atBob =
                bobSocket.await(f -> "new-message".equals(f.path("type").asString())
                        && "from B's chat port".equals(f.path("message").asString()));
        assertThat(atBob.path("sender_name").asString()).isEqualTo(alice);
        aliceSocket.await(f -> "c1".equals(f.path("client_id").asString()));

        bobSocket.sendJson("type", "new-message", "username", alice, "message", "from A's servlet port");
        aliceSocket.await(f -> "new-message".equals(f.path("type").asString())
                && "from A's servlet port".equals(f.path("message").asString()));

        int mark = bobSocket.mark();
        aliceSocket.close();
        bobSocket.awaitAfter(
                mark,
                f -> "gone-offline".equals(f.path("type").asString())
                        && alice.equals(f.path("username").asString()));
    }

    @Test
    void theChatPortRefusesAnonymousAndLoggedOutSessions() {
        String carol = name("carol");
        var onA = user(nodeA, carol);
        var toChatPortOfB = onA.onNode(nodeB).socketsAt(chatPortOf(nodeB));
        assertThat(toChatPortOfB.handshakeStatus("/ws", nodeB)).isEqualTo(101);
        assertThat(toChatPortOfB.handshakeStatus("/chat/stream/", nodeB)).isEqualTo(101);
        var anonymous = new ChatTestClient(nodeB).socketsAt(chatPortOf(nodeB));
        assertThat(anonymous.handshakeStatus("/ws", nodeB)).isEqualTo(403);
        String url = chatPortOf(nodeB).replace("http", "ws") + "/ws";
        assertThat(PrivateChatTestClient.handshakeStatus(url, "JSESSIONID=bm8tc3VjaC1zZXNzaW9u"))
                .isEqualTo(403);
        assertThat(PrivateChatTestClient.handshakeStatus(url, "JSESSIONID=not base64!"))
                .isEqualTo(403);

        // Logging out on node A removes the session from Redis: node B's chat port no longer finds it.
        onA.postForm("/dialogs/", "/logout");

        assertThat(toChatPortOfB.handshakeStatus("/ws", nodeB)).isEqualTo(403);
        assertThat(toChatPortOfB.handshakeStatus("/chat/stream/", nodeB)).isEqualTo(403);
    }

    @Test
    void thePrivateChatSocketIsOnTheChatPortOfTheNodeThatGaveTheKey() {
        String alice = name("alice");
        String bob = name("bob");
        var a = PrivateChatTestClient.of(user(nodeA, alice));
        var b = PrivateChatTestClient.of(user(nodeB, bob));
        assertThat(a.socketBase()).isEqualTo(chatPortOf(nodeA));
        assertThat(b.socketBase()).isEqualTo(chatPortOf(nodeB));

        var alicePage = a.openReady(bob);
        var bobPage = b.openReady(alice);
        alicePage.send(PrivateChatTestClient.newMessage(a.sessionKey(), bob, "across <nodes> and chat ports"));
        JsonNode atBob = bobPage.awaitType("new-message");
        assertThat(atBob.path("message").asString()).isEqualTo("across &lt;nodes&gt; and chat ports");
        assertThat(atBob.path("sender_name").asString()).isEqualTo(alice);
    }
}
