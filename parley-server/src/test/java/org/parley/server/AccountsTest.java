package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.server.account.AccountRepository;
import org.parley.server.support.ChatTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Sign-up, login and logout through the real forms, with CSRF and hashed passwords. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AccountsTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountRepository accounts;

    @Test
    void signUpStoresAHashedPasswordAndLogsIn() {
        String carol = ChatTestClient.uniqueUsername("carol");
        var client = new ChatTestClient(port).signUpAndLogIn(carol, "carol-password");

        var stored = accounts.findByUsername(carol).orElseThrow();
        assertThat(stored.passwordHash()).startsWith("{bcrypt}").doesNotContain("carol-password");
        assertThat(client.get("/dialogs/").statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordIsRefused() {
        String dave = ChatTestClient.uniqueUsername("dave");
        new ChatTestClient(port).signUpAndLogIn(dave, "dave-password");
        var response = new ChatTestClient(port).postForm("/login", "/login", "username", dave, "password", "nope");

        assertThat(response.headers().firstValue("Location").orElse("")).contains("/login?error");
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefused() throws Exception {
        var client = new ChatTestClient(port);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(client.base() + "/signup"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "username=mallory&password=mallory-password&confirm=mallory-password"))
                .build();
        var response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(accounts.findByUsername("mallory")).isEmpty();
    }

    @Test
    void signUpRerendersWithTheProblem() {
        String erin = ChatTestClient.uniqueUsername("erin");
        new ChatTestClient(port).signUpAndLogIn(erin, "erin-password");
        var client = new ChatTestClient(port);
        String frank = ChatTestClient.uniqueUsername("frank");

        var taken = client.postForm(
                "/signup", "/signup", "username", erin, "password", "other-password", "confirm", "other-password");
        var differ = client.postForm(
                "/signup", "/signup", "username", frank, "password", "frank-password", "confirm", "frank-passw0rd");
        var bad = client.postForm("/signup", "/signup", "username", "a b", "password", "x", "confirm", "x");

        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(taken.body()).contains("That username is taken.");
        assertThat(differ.body()).contains("The two passwords differ.");
        assertThat(bad.body()).contains("Use 2 to 150 letters");
        assertThat(accounts.findByUsername(frank)).isEmpty();
    }

    @Test
    void logoutEndsTheSession() {
        var client = new ChatTestClient(port).signUpAndLogIn(ChatTestClient.uniqueUsername("grace"), "grace-password");
        var logout = client.postForm("/dialogs/", "/logout");

        assertThat(logout.headers().firstValue("Location").orElse(""))
                .as("status %s, body %s", logout.statusCode(), logout.body())
                .contains("/login?logout");
        assertThat(client.get("/dialogs/").statusCode()).isEqualTo(302);
    }

    @Test
    void pagesNeedALoginAndSocketsAreRefusedWith403() {
        var anonymous = new ChatTestClient(port);

        var page = anonymous.get("/dialogs/");
        assertThat(page.headers().firstValue("Location").orElse(""))
                .as("status %s, body %s", page.statusCode(), page.body())
                .endsWith("/login");
        assertThat(anonymous.get("/ws").statusCode()).isEqualTo(403);
    }

    @Test
    void healthAndPrometheusAreServed() {
        var anonymous = new ChatTestClient(port);

        assertThat(anonymous.get("/actuator/health").body()).contains("\"UP\"");
        assertThat(anonymous.get("/actuator/prometheus").body()).contains("parley_connections");
    }
}
