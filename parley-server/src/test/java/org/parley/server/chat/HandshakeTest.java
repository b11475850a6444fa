package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.server.support.ChatTestClient;

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
        assertThat(alice.client().handshakeStatus("/ws", "http://127.0.0.1:" + (port + 1)))
                .isEqualTo(403);
        assertThat(registry.connectionsOf(userId(alice))).isEmpty();
    }

    @Test
    void anAnonymousHandshakeIsRefused() {
        var anonymous = new ChatTestClient(port);
        assertThat(anonymous.handshakeStatus("/ws", anonymous.base())).isEqualTo(403);
    }

    @Test
    void aLoggedOutSessionIsRefused() {
        var alice = login("alice");
        assertThat(alice.client().handshakeStatus("/ws", alice.client().base())).isEqualTo(101);
        alice.client().postForm("/dialogs/", "/logout");
        assertThat(alice.client().handshakeStatus("/ws", alice.client().base())).isEqualTo(403);
    }
}
