package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.parley.chat.user.ChatUser;
import org.parley.server.support.FormLogin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A reconnect storm after a deploy: hundreds of users who never chatted open their sockets on the chat port
 * at the same moment, with the default {@code concurrent-opens} (32) and a pool of only two database
 * connections that gives up after a second. Every socket opens and every user gets exactly one chat id:
 * sockets opening together share their lookups, so 32 at once do not need 32 connections.
 */
@TestPropertySource(
        properties = {
            "parley.websocket.chat-port.port=0",
            "spring.datasource.hikari.maximum-pool-size=2",
            "spring.datasource.hikari.connection-timeout=1000"
        })
class ChatPortOpenStormTest extends RealtimeTestSupport {

    private static final int USERS = 300;
    /** Logging in must not hash 300 passwords: these accounts use Spring Security's {noop} encoding. */
    private static final String PASSWORD = "storm-password";

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Test
    void everyFirstOpenOfAStormSucceedsOnATinyPool() throws Exception {
        String prefix = "storm-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> names = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            names.add(prefix + i);
        }
        jdbcTemplate.batchUpdate(
                "insert into account (username, password_hash, staff, active) values (?, ?, false, true)",
                names.stream()
                        .map(name -> new Object[] {name, "{noop}" + PASSWORD})
                        .toList());
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        List<String> sessions = logInAll(http, names);
        assertThat(jdbc.sql("select count(*) from chat_user where username like ?")
                        .param(prefix + "%")
                        .query(Long.class)
                        .single())
                .as("no chat id before the first socket")
                .isZero();

        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        for (String session : sessions) {
            opening.add(http.newWebSocketBuilder()
                    .header("Cookie", "JSESSIONID=" + session)
                    .header("Origin", servletBase())
                    .buildAsync(URI.create(socketBase().replace("http", "ws") + "/ws"), new WebSocket.Listener() {})
                    .toCompletableFuture());
        }
        List<WebSocket> sockets = new ArrayList<>();
        try {
            for (var socket : opening) {
                sockets.add(socket.get(60, TimeUnit.SECONDS));
            }
            Awaitility.await()
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> names.stream()
                            .allMatch(
                                    name -> !registry.connectionsOf(idOf(name)).isEmpty()));
            assertThat(jdbc.sql("select count(distinct username) from chat_user where username like ?")
                            .param(prefix + "%")
                            .query(Long.class)
                            .single())
                    .isEqualTo(USERS);
            assertThat(jdbc.sql("select count(*) from chat_user where username like ?")
                            .param(prefix + "%")
                            .query(Long.class)
                            .single())
                    .as("one chat id per user")
                    .isEqualTo(USERS);
            assertThat(sockets).allMatch(socket -> !socket.isInputClosed());
        } finally {
            sockets.forEach(WebSocket::abort);
        }
    }

    private long idOf(String username) {
        return users.findByUsername(username).map(ChatUser::id).orElseThrow();
    }

    /** Logs every user in, eight at a time; returns their session cookies in the same order. */
    private List<String> logInAll(HttpClient http, List<String> names) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> pending = new ArrayList<>();
            for (String name : names) {
                pending.add(pool.submit(() -> FormLogin.logIn(http, servletBase(), name, PASSWORD)));
            }
            List<String> sessions = new ArrayList<>();
            for (var f : pending) {
                sessions.add(f.get(2, TimeUnit.MINUTES));
            }
            return sessions;
        } finally {
            pool.shutdown();
        }
    }
}
