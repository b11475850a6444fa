package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parley.server.support.KeepChatting;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A user who only chats (frames on an open socket, no page requests) stays logged in past the HTTP session's
 * inactivity timeout; a user whose socket is merely open (it answers pings, the server pushes to it) is logged
 * out as before. Here sessions expire after {@value #SESSION_SECONDS} s without use, and a socket's frames mark
 * its session used at most every 200 ms.
 */
@Import(LoginKeptAliveTest.ShortSessions.class)
@TestPropertySource(properties = "parley.websocket.login-refresh-interval=200ms")
class LoginKeptAliveTest extends RealtimeTestSupport {

    static final int SESSION_SECONDS = 2;

    /** Every HTTP session of this server expires after {@value #SESSION_SECONDS} s without use. */
    @TestConfiguration
    static class ShortSessions {
        @Bean
        ServletListenerRegistrationBean<HttpSessionListener> shortSessions() {
            return new ServletListenerRegistrationBean<>(new HttpSessionListener() {
                @Override
                public void sessionCreated(HttpSessionEvent event) {
                    event.getSession().setMaxInactiveInterval(SESSION_SECONDS);
                }
            });
        }
    }

    @Test
    void chattingKeepsTheLoginAliveAndAnOpenSocketAloneDoesNot() {
        var chatty = login("chatty");
        var quiet = login("quiet");
        var chattySocket = connect(chatty);
        connect(quiet);
        long quietsLastRequest = System.nanoTime();

        // Chatty writes to quiet for three session timeouts; quiet's socket receives it all.
        int sent = KeepChatting.until(
                quietsLastRequest,
                Duration.ofSeconds(3L * SESSION_SECONDS),
                n -> send(chattySocket, quiet, "message " + n));

        assertThat(sent).isGreaterThan(10);
        assertThat(chatty.client().get("/dialogs/").statusCode())
                .as("the page of the user who chatted")
                .isEqualTo(200);
        assertThat(chatty.client().handshakeStatus("/ws", servletBase()))
                .as("a new socket of the user who chatted")
                .isEqualTo(101);
        HttpResponse<String> quietsPage = quiet.client().get("/dialogs/");
        assertThat(quietsPage.statusCode())
                .as("the page of the user who only listened")
                .isEqualTo(302);
        assertThat(quietsPage.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
        assertThat(quiet.client().handshakeStatus("/ws", servletBase())).isEqualTo(403);
    }
}
