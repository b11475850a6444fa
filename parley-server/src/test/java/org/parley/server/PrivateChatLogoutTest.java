package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.parley.server.support.ChatTestClient;
import org.parley.server.support.PrivateChatTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Logging out ends the chat tokens that session was given, and the private-chat sockets opened with them,
 * through the real form logout; other sessions of the same user keep theirs (docs/protocol.md, "Chat tokens
 * and logging out").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PrivateChatLogoutTest {

    /** The close code of a socket whose credentials ended: the same as a deactivated account's. */
    private static final int CREDENTIALS_ENDED = 4003;

    private static final Pattern PAGE_KEY = Pattern.compile("data-session-key=\"([0-9a-f]{32})\"");

    @LocalServerPort
    int port;

    @Test
    void loggingOutClosesTheSessionsPrivateChatSocketsAndRefusesItsTokens() {
        String alice = ChatTestClient.uniqueUsername("alice");
        String bob = ChatTestClient.uniqueUsername("bob");
        PrivateChatTestClient.signUp(port, bob);
        // Alice is logged in on her laptop and her phone: two HTTP sessions.
        var laptop = new ChatTestClient(port).signUpAndLogIn(alice, alice + "-password");
        var phone = new ChatTestClient(port).logIn(alice, alice + "-password");
        // The laptop got one token from the session API and one from the compatibility page.
        var fromApi = PrivateChatTestClient.of(laptop);
        String fromPage = pageKey(laptop.get("/private-chat/dialogs/" + bob).body());
        var onPhone = PrivateChatTestClient.of(phone);

        var laptopSocket = fromApi.openReady(bob);
        var laptopPageSocket = fromApi.withKey(fromPage).openReady(bob);
        var phoneSocket = onPhone.openReady(bob);

        var logout = laptop.postForm("/dialogs/", "/logout");
        assertThat(logout.headers().firstValue("Location").orElse("")).endsWith("/login?logout");

        assertThat(laptopSocket.awaitClosed()).isEqualTo(CREDENTIALS_ENDED);
        assertThat(laptopPageSocket.awaitClosed()).isEqualTo(CREDENTIALS_ENDED);
        assertThat(handshake(fromApi, fromApi.sessionKey(), bob)).isEqualTo(403);
        assertThat(handshake(fromApi, fromPage, bob)).isEqualTo(403);

        // The phone's session was not logged out: its socket and its token still work.
        int mark = phoneSocket.mark();
        phoneSocket.send(PrivateChatTestClient.checkOnline(onPhone.sessionKey(), bob));
        JsonNode answer = phoneSocket.awaitAfter(
                mark, f -> "gone-online".equals(f.path("type").asString()));
        assertThat(answer).isNotNull();
        assertThat(phoneSocket.isClosed()).isFalse();
        assertThat(handshake(onPhone, onPhone.sessionKey(), bob)).isEqualTo(101);
    }

    private static int handshake(PrivateChatTestClient client, String key, String opponent) {
        return PrivateChatTestClient.handshakeStatus(client.wsServerPath() + key + "/" + opponent, null);
    }

    private static String pageKey(String html) {
        Matcher m = PAGE_KEY.matcher(html);
        assertThat(m.find()).as("the compatibility page renders a session key").isTrue();
        return m.group(1);
    }
}
