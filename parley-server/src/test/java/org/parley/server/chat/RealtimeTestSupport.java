package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.parley.chat.realtime.SessionRegistry;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.server.support.ChatTestClient;
import org.parley.server.support.SocketPorts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * A server on a random port with real users logged in over HTTP and real WebSocket clients. Subclasses with
 * the same configuration share one Spring context, so every test makes its own users (unique names) and
 * never depends on what another test left behind.
 *
 * <p>Pages are always on the servlet port; sockets go to {@link #socketPort()}: the servlet port, or the chat
 * port when the server has one. Each {@code ChatPort*} test is its servlet twin run again with
 * {@code parley.websocket.chat-port.port=0}, so both transports pass the same tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class RealtimeTestSupport {

    private static final AtomicInteger USERS = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SessionRegistry registry;

    @Autowired
    ChatUserDirectory users;

    @Autowired
    ApplicationContext context;

    /** The port sockets are opened on: the chat port if this server has one, else the servlet port. */
    int socketPort() {
        return SocketPorts.socketPort(context, port);
    }

    String servletBase() {
        return "http://127.0.0.1:" + port;
    }

    String socketBase() {
        return "http://127.0.0.1:" + socketPort();
    }

    /** A new browser without a login: pages from the servlet port, sockets to {@link #socketPort()}. */
    ChatTestClient client() {
        return new ChatTestClient(servletBase()).socketsAt(socketBase());
    }

    /** A new account, logged in; its name starts with {@code name} and is unique in this JVM. */
    Login login(String name) {
        String username = ChatTestClient.uniqueUsername(name);
        String password = username + "-password";
        var client = client().signUpAndLogIn(username, password);
        return new Login(username, client);
    }

    long userId(Login login) {
        return users.findByUsername(login.username()).map(ChatUser::id).orElseThrow();
    }

    /** Opens a socket and waits until the server has registered it (and announced presence). */
    ChatTestClient.Socket connect(Login login) {
        long id = userId(login);
        int before = registry.connectionsOf(id).size();
        var socket = login.client().connect("/ws");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> registry.connectionsOf(id).size() > before);
        return socket;
    }

    /** Waits until the server has no socket of {@code login} left. */
    void awaitNoSockets(Login login) {
        long id = userId(login);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> registry.connectionsOf(id).isEmpty());
    }

    long storedMessages() {
        return jdbc.sql("select count(*) from chat_message").query(Long.class).single();
    }

    long storedMessagesBetween(Login a, Login b) {
        return jdbc.sql("""
                        select count(*) from chat_message m join dialog d on d.id = m.dialog_id
                         where d.user_low = ? and d.user_high = ?
                        """)
                .params(Math.min(userId(a), userId(b)), Math.max(userId(a), userId(b)))
                .query(Long.class)
                .single();
    }

    long dialogCount(Login a, Login b) {
        return jdbc.sql("select count(*) from dialog where user_low = ? and user_high = ?")
                .params(Math.min(userId(a), userId(b)), Math.max(userId(a), userId(b)))
                .query(Long.class)
                .single();
    }

    /** Sends a message from {@code from} to {@code to} and waits for the echo; returns the message id. */
    long send(ChatTestClient.Socket from, Login to, String text) {
        String clientId = "c-" + USERS.incrementAndGet();
        int mark = from.mark();
        from.sendJson("type", "new-message", "username", to.username(), "message", text, "client_id", clientId);
        return from.awaitAfter(
                        mark,
                        f -> isType(f, "new-message")
                                && clientId.equals(f.path("client_id").asString()))
                .path("message_id")
                .asLong();
    }

    /** The id of the dialog between two users, which must exist. */
    long dialogId(Login a, Login b) {
        return jdbc.sql("select id from dialog where user_low = ? and user_high = ?")
                .params(Math.min(userId(a), userId(b)), Math.max(userId(a), userId(b)))
                .query(Long.class)
                .single();
    }

    /**
     * A round trip on {@code socket}: a history request of one of its user's dialogs, answered by the server.
     * Frames the server queued for this socket before the answer have arrived when this returns.
     */
    void roundTrip(ChatTestClient.Socket socket, long dialogId) {
        int mark = socket.mark();
        socket.sendJson("type", "history", "dialog_id", dialogId, "limit", 1);
        socket.awaitAfter(mark, f -> isType(f, "history"));
    }

    static boolean isType(JsonNode frame, String type) {
        return type.equals(frame.path("type").asString());
    }

    static boolean isError(JsonNode frame, String code) {
        return isType(frame, "error") && code.equals(frame.path("code").asString());
    }

    /** No frame a client got may carry server internals. */
    static void assertNoInternals(ChatTestClient.Socket socket) {
        for (JsonNode frame : socket.frames()) {
            assertThat(frame.toString()).doesNotContain("Exception", "at org.", "at java.", "SQL");
        }
    }

    record Login(String username, ChatTestClient client) {}
}
