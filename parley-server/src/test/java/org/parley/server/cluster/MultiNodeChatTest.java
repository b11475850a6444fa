package org.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.cluster.Cluster.open;
import static org.parley.server.cluster.Cluster.user;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.room.Room;
import org.parley.chat.room.RoomService;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.chat.user.UserSessionService;
import org.parley.server.account.AccountRepository;
import org.parley.server.account.AccountService;
import org.parley.server.admin.UserAdministration;
import org.parley.server.support.ChatTestClient;
import org.parley.server.support.PrivateChatTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Two Parley nodes in this JVM (and, for the crash test, a third in its own JVM) on different ports,
 * sharing the Redis at 127.0.0.1:6379 under a prefix of this run and a PostgreSQL database made for this
 * run: no sticky sessions, any user on any node.
 */
class MultiNodeChatTest {

    /** Short, so the crash test is quick; a dead node's users go offline within TTL + TTL/6. */
    static final Duration PRESENCE_TTL = Duration.ofSeconds(4);

    private static final AtomicInteger USERS = new AtomicInteger();
    private static Cluster cluster;
    private static String nodeA;
    private static String nodeB;

    @BeforeAll
    static void startNodes() {
        cluster = new Cluster(6379, PRESENCE_TTL)
                // The throughput test sends as fast as it can; the flood limits are tested elsewhere.
                .with("parley.rate-limit.messages-per-second", "100000")
                .with("parley.rate-limit.message-burst", "100000")
                .with("parley.rate-limit.frames-per-second", "100000")
                .with("parley.rate-limit.frame-burst", "100000");
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
        return base + USERS.incrementAndGet();
    }

    @Test
    void theNodesUseRedis() {
        assertThat(cluster.bean(nodeA, ChatBroker.class).getClass().getSimpleName())
                .isEqualTo("RedisChatBroker");
    }

    @Test
    void aLoginMadeOnOneNodeIsValidOnTheOther() {
        String username = name("lena");
        var onA = user(nodeA, username);
        var onB = onA.onNode(nodeB);
        assertThat(onA.sessionCookie()).startsWith("JSESSIONID=");

        var page = onB.get("/dialogs/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(username);
        var socket = open(onB);
        assertThat(socket.isClosed()).isFalse();
        socket.close();

        var stranger = new ChatTestClient(nodeB).get("/dialogs/");
        assertThat(stranger.statusCode()).isEqualTo(302);
    }

    @Test
    void usersOnDifferentNodesChatTypeReadAndSeeEachOthersPresence() {
        String alice = name("alice");
        String bob = name("bob");
        var aliceSocket = open(user(nodeA, alice));
        var bobClient = user(nodeB, bob);
        var bobSocket = open(bobClient);

        aliceSocket.sendJson("type", "new-message", "username", bob, "message", "hi <b>bob</b>", "client_id", "m1");
        JsonNode received =
                bobSocket.await(f -> "new-message".equals(f.path("type").asString())
                        && "hi <b>bob</b>".equals(f.path("message").asString()));
        assertThat(received.path("sender_name").asString()).isEqualTo(alice);
        JsonNode echo = aliceSocket.await(f -> "m1".equals(f.path("client_id").asString()));
        long messageId = received.path("message_id").asLong();
        assertThat(echo.path("message_id").asLong()).isEqualTo(messageId);

        bobSocket.sendJson("type", "new-message", "username", alice, "message", "hello from B");
        aliceSocket.await(f -> "hello from B".equals(f.path("message").asString()));

        bobSocket.sendJson("type", "is-typing", "username", alice);
        assertThat(aliceSocket.awaitType("opponent-typing").path("username").asString())
                .isEqualTo(bob);

        // Bob also has a tab on node A: his read on node B lowers its unread count too.
        var bobOnA = open(bobClient.onNode(nodeA));
        bobSocket.sendJson("type", "read_message", "message_id", messageId);
        assertThat(aliceSocket
                        .awaitType("opponent-read-message")
                        .path("message_id")
                        .asLong())
                .isEqualTo(messageId);
        assertThat(bobOnA.awaitType("message-read").path("message_id").asLong()).isEqualTo(messageId);
        bobOnA.close();

        int mark = aliceSocket.mark();
        bobSocket.close();
        aliceSocket.awaitAfter(
                mark,
                f -> "gone-offline".equals(f.path("type").asString())
                        && bob.equals(f.path("username").asString()));

        mark = aliceSocket.mark();
        var bobAgain = bobClient.connect("/ws");
        aliceSocket.awaitAfter(
                mark,
                f -> "gone-online".equals(f.path("type").asString())
                        && f.path("usernames").toString().contains(bob));
        bobAgain.sendJson("type", "check-online");
        bobAgain.await(f -> "gone-online".equals(f.path("type").asString())
                && f.path("usernames").toString().contains(alice));

        bobAgain.sendJson("type", "history", "username", alice);
        assertThat(bobAgain.awaitType("history").path("messages")).hasSize(2);
    }

    @Test
    void aPrivateChatKeyIssuedByOneNodeOpensASocketOnTheOtherAndFramesCrossNodes() {
        String alice = name("alice");
        String bob = name("bob");
        // The key comes from node A; the old page connects to node B with it (keys live in PostgreSQL).
        var a = PrivateChatTestClient.of(user(nodeA, alice));
        var b = PrivateChatTestClient.of(user(nodeB, bob));
        var alicePage = a.open(bob, nodeB);
        var bobPage = b.open(alice, nodeA);
        alicePage.send(PrivateChatTestClient.checkOnline(a.sessionKey(), bob));
        alicePage.await(f -> "gone-online".equals(f.path("type").asString())
                && f.path("usernames").toString().contains(bob));

        alicePage.send(PrivateChatTestClient.isTyping(a.sessionKey(), bob));
        assertThat(bobPage.awaitType("opponent-typing").path("username").asString())
                .isEqualTo(alice);
        alicePage.send(PrivateChatTestClient.newMessage(a.sessionKey(), bob, "across <nodes>"));
        JsonNode atBob = bobPage.awaitType("new-message");
        assertThat(atBob.path("message").asString()).isEqualTo("across &lt;nodes&gt;");
        bobPage.send(PrivateChatTestClient.readMessage(
                b.sessionKey(), alice, atBob.path("message_id").asLong()));
        assertThat(alicePage.awaitType("opponent-read-message").path("username").asString())
                .isEqualTo(bob);

        alicePage.abort();
        assertThat(bobPage.awaitType("gone-offline").path("username").asString())
                .isEqualTo(alice);
    }

    @Test
    void loggingOutOnOneNodeClosesThatSessionsPrivateChatSocketsOnTheOther() {
        String alice = name("alice");
        String bob = name("bob");
        user(nodeB, bob);
        var onA = user(nodeA, alice);
        // The same browser session asks node B for a token and opens its socket there.
        var key = PrivateChatTestClient.of(onA.onNode(nodeB));
        var socket = key.openReady(bob);

        onA.postForm("/dialogs/", "/logout");

        assertThat(socket.awaitClosed()).isEqualTo(4003);
        assertThat(PrivateChatTestClient.handshakeStatus(key.wsServerPath() + key.sessionKey() + "/" + bob, null))
                .isEqualTo(403);
    }

    @Test
    void usersOnDifferentNodesShareARoomAndSeeStaffActionsFromAThirdPlace() {
        String dora = name("dora");
        String emil = name("emil");
        var doraSocket = open(user(nodeA, dora));
        var emilSocket = open(user(nodeB, emil));
        long doraId = cluster.bean(nodeA, ChatUserDirectory.class)
                .findByUsername(dora)
                .orElseThrow()
                .id();
        var staff = new ChatUser(doraId, dora, dora, true);
        Room room = cluster.bean(nodeA, RoomService.class).create(staff, "Cluster room " + dora, false);

        doraSocket.sendJson("type", "room-join", "room_id", room.id());
        doraSocket.awaitType("room-joined");
        int mark = doraSocket.mark();
        emilSocket.sendJson("type", "room-join", "room_id", room.id());
        emilSocket.awaitType("room-joined");
        doraSocket.awaitAfter(
                mark,
                f -> "room-member-joined".equals(f.path("type").asString())
                        && emil.equals(f.path("username").asString()));

        emilSocket.sendJson("type", "room-send", "room_id", room.id(), "message", "hello from B", "client_id", "r1");
        JsonNode atDora =
                doraSocket.await(f -> "room-message".equals(f.path("type").asString())
                        && "hello from B".equals(f.path("message").asString()));
        assertThat(atDora.path("sender_name").asString()).isEqualTo(emil);
        emilSocket.await(f -> "r1".equals(f.path("client_id").asString()));
        doraSocket.sendJson("type", "room-send", "room_id", room.id(), "message", "hello from A");
        emilSocket.await(f -> "room-message".equals(f.path("type").asString())
                && "hello from A".equals(f.path("message").asString()));

        // Leaving on node B is seen on node A.
        int beforeLeave = doraSocket.mark();
        emilSocket.sendJson("type", "room-leave", "room_id", room.id());
        emilSocket.awaitType("room-left");
        doraSocket.awaitAfter(
                beforeLeave,
                f -> "room-member-left".equals(f.path("type").asString())
                        && emil.equals(f.path("username").asString()));
        emilSocket.sendJson("type", "room-join", "room_id", room.id());
        emilSocket.awaitAfter(
                beforeLeave, f -> "room-joined".equals(f.path("type").asString()));

        // A staff action taken on node B reaches the member on node A.
        cluster.bean(nodeB, RoomService.class).delete(staff, room.id());
        doraSocket.await(f -> "room-deleted".equals(f.path("type").asString())
                && f.path("room_id").asLong() == room.id());
        emilSocket.await(f -> "room-deleted".equals(f.path("type").asString()));

        // A user deactivated through node B loses the socket on node A (4003).
        long emilId = cluster.bean(nodeA, ChatUserDirectory.class)
                .findByUsername(emil)
                .orElseThrow()
                .id();
        var emilOnA = open(new ChatTestClient(nodeA).logIn(emil, emil + "-password"));
        cluster.bean(nodeB, UserSessionService.class).deactivated(emilId, emil);
        assertThat(emilOnA.awaitClosed()).isEqualTo(4003);
        assertThat(emilSocket.awaitClosed()).isEqualTo(4003);
    }

    @Test
    void staffChangesAndDeactivationMadeOnOneNodeApplyAtTheNextRequestOnTheOther() {
        // Node A answers "who is this user" from its cache (ChatUserCache, 60 s by default): only the
        // change announced through Redis can make it notice within the wait below.
        String boss = name("boss");
        cluster.bean(nodeB, AccountService.class).create(boss, boss + "-password", true);
        ChatUser bossUser = cluster.bean(nodeB, ChatUserDirectory.class)
                .findByUsername(boss)
                .orElseThrow();
        String mia = name("mia");
        var miaOnA = user(nodeA, mia);
        assertThat(miaOnA.get("/admin/users").statusCode()).isEqualTo(403);
        long miaAccount = cluster.bean(nodeB, AccountRepository.class)
                .findByUsername(mia)
                .orElseThrow()
                .id();
        var admin = cluster.bean(nodeB, UserAdministration.class);

        admin.setStaff(bossUser, miaAccount, true);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> miaOnA.get("/admin/users").statusCode() == 200);

        admin.setStaff(bossUser, miaAccount, false);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> miaOnA.get("/admin/users").statusCode() == 403);

        admin.setActive(bossUser, miaAccount, false);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> miaOnA.get("/dialogs/").statusCode() == 302);
    }

    @Test
    void messagesBetweenUsersOnDifferentNodesAllArriveAtAMeasuredRate() throws Exception {
        int pairs = 8;
        int perSender = 125;
        List<ChatTestClient.Socket> senders = new ArrayList<>();
        List<ChatTestClient.Socket> receivers = new ArrayList<>();
        List<String> receiverNames = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            String sender = name("sender");
            String receiver = name("receiver");
            senders.add(open(user(nodeA, sender)));
            receivers.add(open(user(nodeB, receiver)));
            receiverNames.add(receiver);
            // Start each dialog first, so the timing below is of messages only.
            senders.get(i).sendJson("type", "new-message", "username", receiver, "message", "warm-up");
            receivers.get(i).await(f -> "warm-up".equals(f.path("message").asString()));
        }

        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            var socket = senders.get(i);
            String to = receiverNames.get(i);
            Thread t = new Thread(() -> {
                for (int n = 0; n < perSender; n++) {
                    socket.sendJson("type", "new-message", "username", to, "message", "m" + n);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        for (var receiver : receivers) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> receiver.ofType("new-message").size() == perSender + 1);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        double perSecond = pairs * perSender / (took.toNanos() / 1e9);
        System.out.printf(
                "%d messages from node A to node B in %d ms: %.0f messages/s%n",
                pairs * perSender, took.toMillis(), perSecond);

        for (var receiver : receivers) {
            var texts = receiver.ofType("new-message").stream()
                    .map(f -> f.path("message").asString())
                    .toList();
            assertThat(texts.subList(1, texts.size()))
                    .as("every message, once, in order")
                    .containsExactlyElementsOf(
                            IntStream.range(0, perSender).mapToObj(n -> "m" + n).toList());
        }
    }

    @Test
    void aKilledNodesUsersGoOfflineOnTheOtherNodesWithinThePresenceTtlAndOnlyOnce() {
        var nodeC = cluster.startProcess();
        String alice = name("alice");
        String carol = name("carol");
        var aliceSocket = open(user(nodeA, alice));
        var carolSocket = open(user(nodeC.base(), carol));
        carolSocket.sendJson("type", "new-message", "username", alice, "message", "hi from the doomed node");
        aliceSocket.await(
                f -> "hi from the doomed node".equals(f.path("message").asString()));
        aliceSocket.sendJson("type", "check-online");
        aliceSocket.await(f -> "gone-online".equals(f.path("type").asString())
                && f.path("usernames").toString().contains(carol));

        int mark = aliceSocket.mark();
        long killed = System.nanoTime();
        nodeC.kill();

        aliceSocket.awaitAfter(
                mark,
                f -> "gone-offline".equals(f.path("type").asString())
                        && carol.equals(f.path("username").asString()));
        Duration offlineAfter = Duration.ofNanos(System.nanoTime() - killed);
        System.out.println("A killed node's user showed offline after " + offlineAfter.toMillis() + " ms (TTL "
                + PRESENCE_TTL.toMillis() + " ms)");
        assertThat(offlineAfter)
                .isLessThan(PRESENCE_TTL.plus(PRESENCE_TTL.dividedBy(6)).plusSeconds(3));

        // Both surviving nodes reap; exactly one announced it. Watch a few more reap rounds.
        Awaitility.await()
                .during(PRESENCE_TTL.dividedBy(2))
                .atMost(PRESENCE_TTL)
                .until(() -> aliceSocket.since(mark).stream()
                                .filter(f ->
                                        "gone-offline".equals(f.path("type").asString()))
                                .count()
                        == 1);
        int beforeCheck = aliceSocket.mark();
        aliceSocket.sendJson("type", "check-online");
        JsonNode online = aliceSocket.awaitAfter(
                beforeCheck, f -> "gone-online".equals(f.path("type").asString()));
        assertThat(online.path("usernames").toString()).doesNotContain(carol);
    }
}
