package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.chat.broker.Topic;
import org.parley.chat.realtime.SessionRegistry;
import org.parley.chat.room.Room;
import org.parley.chat.room.RoomService;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.server.account.AccountService;
import org.parley.server.support.ChatTestClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Rooms on the real PostgreSQL (a database made for this run, dropped after), across a restart of the
 * server: rooms, memberships and messages are stored, and after the restart the users' new sockets are in
 * their rooms without joining again, on both the native and the multichat endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoomRestartPostgresTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String PASSWORD = "restart-test-password";

    private final String database =
            "parley_rooms_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    void createDatabase() {
        try (Connection c = DriverManager.getConnection(SERVER + "test", "postgres", "")) {
            c.createStatement().execute("create database " + database);
        } catch (SQLException e) {
            throw new AssertionError(
                    "PostgreSQL at 127.0.0.1:5432 (user postgres, database test) is unreachable or refused to"
                            + " create a database: " + e.getMessage() + " (see .ci/run)",
                    e);
        }
    }

    @AfterAll
    void dropDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "test", "postgres", "")) {
            c.createStatement().execute("drop database if exists " + database + " with (force)");
        }
    }

    @Test
    void roomsMembershipsAndMessagesSurviveARestart() {
        Room room;
        try (var server = start()) {
            var accounts = server.getBean(AccountService.class);
            var users = server.getBean(ChatUserDirectory.class);
            var rooms = server.getBean(RoomService.class);
            accounts.create("alice", PASSWORD, false);
            accounts.create("bob", PASSWORD, false);
            accounts.create("boss", PASSWORD, true);
            ChatUser boss = users.findByUsername("boss").orElseThrow();
            room = rooms.create(boss, "Stays", false);
            rooms.create(boss, "Goes", false);
            rooms.delete(boss, rooms.requireVisible(boss, "goes").id());

            String base = base(server);
            var alice = new ChatTestClient(base).logIn("alice", PASSWORD).connect("/ws");
            var bob = new ChatTestClient(base).logIn("bob", PASSWORD).connect("/chat/stream/");
            alice.sendJson("type", "room-join", "room_id", room.id());
            alice.awaitType("room-joined");
            bob.sendJson("command", "join", "room", Long.toString(room.id()));
            bob.await(f -> f.has("join"));
            alice.sendJson("type", "room-send", "room_id", room.id(), "message", "before the restart");
            bob.await(f -> "before the restart".equals(f.path("message").asString()));
        }

        try (var server = start()) {
            String base = base(server);
            var alice = new ChatTestClient(base).logIn("alice", PASSWORD).connect("/ws");
            var bob = new ChatTestClient(base).logIn("bob", PASSWORD).connect("/chat/stream/");
            var rooms = server.getBean(RoomService.class);
            var users = server.getBean(ChatUserDirectory.class);
            // The sockets are registered in the room before the first frame: wait for that, not a time.
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> server.getBean(SessionRegistry.class)
                                    .subscribersOf(List.of(Topic.room(room.id())))
                                    .size()
                            == 2);

            // Neither joins again: both are members, and their new sockets are in the room.
            bob.sendJson("command", "send", "room", Long.toString(room.id()), "message", "after the restart");
            JsonNode received =
                    alice.await(f -> "room-message".equals(f.path("type").asString()));
            assertThat(received.path("message").asString()).isEqualTo("after the restart");
            assertThat(received.path("sender_name").asString()).isEqualTo("bob");

            alice.sendJson("type", "rooms");
            JsonNode list = alice.awaitType("rooms");
            List<String> titles = new ArrayList<>();
            list.path("rooms").forEach(r -> titles.add(r.path("title").asString()));
            assertThat(titles).containsExactly("Stays");
            assertThat(list.path("rooms").get(0).path("member").asBoolean()).isTrue();
            alice.sendJson("type", "room-history", "room_id", room.id());
            assertThat(alice.awaitType("room-history").path("messages").findValuesAsString("message"))
                    .containsExactly("before the restart", "after the restart");
            assertThat(rooms.roomIdsOf(users.findByUsername("bob").orElseThrow()))
                    .containsExactly(room.id());
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ParleyServerApplication.class)
                .run(
                        "--server.port=0",
                        "--parley.websocket.chat-port.port=",
                        "--spring.profiles.active=postgres",
                        "--spring.datasource.url=" + SERVER + database,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--parley.broker=memory",
                        "--spring.main.banner-mode=off");
    }

    private static String base(ConfigurableApplicationContext server) {
        return "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
    }
}
