package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.server.support.PrivateChatTestClient;

/** Who may open the native socket: logged-in users, from the page's own origin. */
class HandshakeTest extends RealtimeTestSupport {

    @Test
    void aLoggedInUserFromThePagesOriginIsAccepted() {
        var alice = login("alice");
        assertThat(alice.client().handshakeStatus("/ws", alice.client().base())).isEqualTo(101);
    }

    @Test
    void aForeignOriginIsRefused() {
        var alice = login("alice");
        assertThat(alice.client().handshakeStatus("/ws", "http://evil.example")).isEqualTo(403);
        assertThat(alice.client().handshakeStatus("/ws", "http://localhost:" + port))
                .isEqualTo(403);
        assertThat(registry.connectionsOf(userId(alice))).isEmpty();
    }

    /** Same origin is same port too, on the pages' own port (not on the chat port, whose pages are elsewhere). */
    @Test
    void anOriginOnAnotherPortOfTheSameHost() {
        var alice = login("alice");
        assertThat(alice.client().handshakeStatus("/ws", "http://127.0.0.1:" + (port + 1)))
                .isEqualTo(403);
        assertThat(registry.connectionsOf(userId(alice))).isEmpty();
    }

    @Test
    void anAnonymousHandshakeIsRefused() {
        var anonymous = client();
        assertThat(anonymous.handshakeStatus("/ws", anonymous.base())).isEqualTo(403);
        assertThat(anonymous.handshakeStatus("/ws", null)).isEqualTo(403);
    }

    @Test
    void aLoggedOutSessionIsRefused() {
        var alice = login("alice");
        assertThat(alice.client().handshakeStatus("/ws", alice.client().base())).isEqualTo(101);
        alice.client().postForm("/dialogs/", "/logout");
        assertThat(alice.client().handshakeStatus("/ws", alice.client().base())).isEqualTo(403);
    }

    /** Logging in gives the session a new id (session fixation): the id from before the login opens nothing. */
    @Test
    void theSessionIdFromBeforeTheLoginOpensNothing() {
        var alice = login("alice");
        var browser = client();
        browser.get("/login");
        String beforeLogin = browser.sessionCookie();
        assertThat(beforeLogin).isNotEmpty();
        browser.logIn(alice.username(), alice.username() + "-password");
        String afterLogin = browser.sessionCookie();
        assertThat(afterLogin).isNotEqualTo(beforeLogin);

        String url = socketBase().replace("http", "ws") + "/ws";
        assertThat(PrivateChatTestClient.handshakeStatus(url, beforeLogin)).isEqualTo(403);
        assertThat(PrivateChatTestClient.handshakeStatus(url, afterLogin)).isEqualTo(101);
    }
}
