package org.parley.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logs a user in through the real login form (GET it for its CSRF token, POST it) with one shared plain
 * {@link HttpClient} and no cookie jar, for tests that log in hundreds of users and open their sockets
 * themselves ({@link ChatTestClient} keeps an HTTP client and cookie jar per user).
 */
public final class FormLogin {

    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");

    private FormLogin() {}

    /** Logs {@code username} in at {@code base} (the servlet port); returns the session id of its login. */
    public static String logIn(HttpClient http, String base, String username, String password)
            throws IOException, InterruptedException {
        HttpResponse<String> form = http.send(
                HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        String csrf = ChatTestClient.csrfOf(form.body());
        assertThat(csrf).as("the login form's CSRF token").isNotEmpty();
        String body = "_csrf=" + ChatTestClient.encode(csrf) + "&username=" + ChatTestClient.encode(username)
                + "&password=" + ChatTestClient.encode(password);
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Cookie", "JSESSIONID=" + session(form))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return session(login);
    }

    private static String session(HttpResponse<?> response) {
        for (String cookie : response.headers().allValues("Set-Cookie")) {
            Matcher m = SESSION.matcher(cookie);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new IllegalStateException("No session cookie");
    }
}
