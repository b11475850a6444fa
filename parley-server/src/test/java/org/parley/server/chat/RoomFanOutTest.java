package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.parley.chat.broker.Topic;
import org.parley.chat.room.Room;
import org.parley.server.support.FormLogin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A room of 1,000 members, each with an open socket (900 native, 100 multichat): one message costs one
 * encoding per protocol and a constant number of database statements, however many members there are.
 */
class RoomFanOutTest extends RoomTestSupport {

    private static final Logger log = LoggerFactory.getLogger(RoomFanOutTest.class);
    private static final int MEMBERS = 1000;
    private static final int MULTICHAT_MEMBERS = 100;
    /** Logging in must not hash 1,000 passwords: these accounts use Spring Security's {noop} encoding. */
    private static final String PASSWORD = "crowd-password";

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Test
    void oneMessageToAThousandMembersIsEncodedOncePerProtocolWithoutAReadPerMember() throws Exception {
        Room room = room("Crowd");
        String prefix = "crowd-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> names = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            names.add(prefix + i);
        }
        List<Object[]> rows = names.stream()
                .map(name -> new Object[] {name, "{noop}" + PASSWORD})
                .toList();
        jdbcTemplate.batchUpdate(
                "insert into account (username, password_hash, staff, active) values (?, ?, false, true)", rows);
        jdbcTemplate.batchUpdate(
                "insert into chat_user (username) values (?)",
                names.stream().map(name -> new Object[] {name}).toList());

        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        AtomicInteger received = new AtomicInteger();
        String marker = "crowd-message-" + UUID.randomUUID();
        var sockets = new ConcurrentLinkedQueue<WebSocket>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < MEMBERS; i++) {
                String name = names.get(i);
                String path = i < MULTICHAT_MEMBERS ? MULTICHAT : "/ws";
                pool.execute(() -> sockets.add(open(http, name, path, marker, received)));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
            assertThat(sockets).hasSize(MEMBERS);
            // Setup shortcut: the members join after their sockets are open, in one statement, and their
            // sockets are subscribed as RoomSubscriptions would (joining one by one would announce each
            // member to all the others: a million frames of setup before the one message measured here).
            jdbc.sql("insert into room_member (room_id, user_id, joined)"
                            + " select ?, id, current_timestamp from chat_user where username like ?")
                    .params(room.id(), prefix + "%")
                    .update();
            for (String name : names) {
                for (var connection : registry.connectionsOf(userId(name))) {
                    registry.subscribe(connection, Topic.room(room.id()));
                }
            }
            Awaitility.await()
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> registry.subscribersOf(List.of(Topic.room(room.id())))
                                    .size()
                            >= MEMBERS);

            var sender = login("speaker");
            var senderSocket = connect(sender);
            join(senderSocket, room.id());
            double nativeBefore = encoded("native");
            double multichatBefore = encoded("multichat");
            jdbc.sql("set query_statistics true").update();
            long statementsBefore = statements();

            long start = System.nanoTime();
            senderSocket.sendJson("type", "room-send", "room_id", room.id(), "message", marker, "client_id", "crowd");
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> received.get() >= MEMBERS);
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
            senderSocket.await(f -> "crowd".equals(f.path("client_id").asString()));

            // The statistics query itself counts once.
            long statements = statements() - statementsBefore - 1;
            log.info(
                    "Fan-out of one room message to {} sockets: {} ms until the last received it, {} SQL statements",
                    MEMBERS,
                    micros / 1000.0,
                    statements);
            assertThat(encoded("native") - nativeBefore).isEqualTo(1);
            assertThat(encoded("multichat") - multichatBefore).isEqualTo(1);
            assertThat(statements)
                    .as("SQL statements for one message to %d members", MEMBERS)
                    .isLessThan(10);
            assertThat(received.get()).isEqualTo(MEMBERS);
            assertThat(roomMessages(room.id())).isEqualTo(1);
        } finally {
            jdbc.sql("set query_statistics false").update();
            sockets.forEach(WebSocket::abort);
        }
    }

    private long userId(String username) {
        return users.findByUsername(username).orElseThrow().id();
    }

    private long statements() {
        return jdbc.sql("select coalesce(sum(execution_count), 0) from information_schema.query_statistics")
                .query(Long.class)
                .single();
    }

    private double encoded(String protocol) {
        return meters.get("parley.events.encoded")
                .tag("protocol", protocol)
                .counter()
                .count();
    }

    /**
     * Logs in over HTTP (form and CSRF token, as a browser does) and opens a socket with the session, at the
     * socket port, from a page of the servlet port.
     */
    private WebSocket open(HttpClient http, String username, String path, String marker, AtomicInteger received) {
        String base = servletBase();
        try {
            String session = FormLogin.logIn(http, base, username, PASSWORD);
            return http.newWebSocketBuilder()
                    .header("Cookie", "JSESSIONID=" + session)
                    .header("Origin", base)
                    .buildAsync(URI.create(socketBase().replace("http", "ws") + path), new Counting(marker, received))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not connect " + username, e);
        }
    }

    /** Counts the frames that carry the marker text; keeps nothing else. */
    private static final class Counting implements WebSocket.Listener {
        private final String marker;
        private final AtomicInteger received;
        private final StringBuilder partial = new StringBuilder();

        Counting(String marker, AtomicInteger received) {
            this.marker = marker;
            this.received = received;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                if (partial.indexOf(marker) >= 0) {
                    received.incrementAndGet();
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
