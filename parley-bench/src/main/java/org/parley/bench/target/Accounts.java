package org.parley.bench.target;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Bench users of a Parley server. Accounts are written straight into the {@code account} table (the
 * bench-only bulk path: signing up 20,000 users through the form would cost 20,000 bcrypt rounds of
 * strength 10, about half an hour of server CPU), with a bcrypt hash of strength 4 so that each login
 * stays cheap. Every socket is still authenticated the real way: each user logs in through the login
 * form with its CSRF token and the socket carries the session cookie that login produced.
 */
final class Accounts {

    static final String PASSWORD = "bench-password";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");

    private final String base;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    Accounts(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Inserts accounts {@code bench0..bench(count-1)} with one shared cheap hash. */
    static void seed(String jdbcUrl, String user, String password, int count) throws SQLException {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
            db.setAutoCommit(false);
            try (PreparedStatement insert =
                    db.prepareStatement("insert into account (username, password_hash, display_name, staff, active)"
                            + " values (?, ?, ?, false, true)")) {
                for (int i = 0; i < count; i++) {
                    insert.setString(1, "bench" + i);
                    insert.setString(2, hash);
                    insert.setString(3, "bench" + i);
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            db.commit();
        }
    }

    /** Signs a user up through the real sign-up form (strength-10 bcrypt: used for one user only). */
    void signUp(String username) throws Exception {
        var page = get("/signup", null);
        String body = "username=" + enc(username) + "&password=" + enc(PASSWORD) + "&confirm=" + enc(PASSWORD);
        var response = post("/signup", page.cookie, page.csrf, body);
        if (response.statusCode() != 302) {
            throw new IllegalStateException("sign-up of " + username + " answered " + response.statusCode());
        }
    }

    /** Logs in through the form; returns the {@code Cookie} header value of the new session. */
    String logIn(String username) throws Exception {
        var page = get("/login", null);
        String body = "username=" + enc(username) + "&password=" + enc(PASSWORD);
        var response = post("/login", page.cookie, page.csrf, body);
        String location = response.headers().firstValue("Location").orElse("");
        Optional<String> session = sessionCookie(response.headers().allValues("Set-Cookie"));
        if (response.statusCode() != 302 || location.contains("error") || session.isEmpty()) {
            throw new IllegalStateException(
                    "login of " + username + " failed: " + response.statusCode() + " " + location);
        }
        return session.get();
    }

    /** Whether the login page answers 200 yet. */
    boolean up() {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/login"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private record Page(String cookie, String csrf) {}

    private Page get(String path, String cookie) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(response.body());
        if (response.statusCode() != 200 || !csrf.find()) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + " without a form");
        }
        String session =
                sessionCookie(response.headers().allValues("Set-Cookie")).orElse(cookie);
        return new Page(session, csrf.group(1).replace("&#45;", "-"));
    }

    private HttpResponse<String> post(String path, String cookie, String csrf, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .header("Origin", base)
                        .POST(HttpRequest.BodyPublishers.ofString(body + "&_csrf=" + enc(csrf)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<String> sessionCookie(List<String> setCookies) {
        for (String header : setCookies) {
            Matcher m = SESSION.matcher(header);
            if (m.find()) {
                return Optional.of("JSESSIONID=" + m.group(1));
            }
        }
        return Optional.empty();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
