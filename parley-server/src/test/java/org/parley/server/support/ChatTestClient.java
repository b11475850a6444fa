package org.parley.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP + WebSocket client for tests: logs in through the login form (with its CSRF token) and opens
 * sockets with the session cookie, collecting every frame received.
 */
public final class ChatTestClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static final java.util.concurrent.atomic.AtomicInteger NAMES =
            new java.util.concurrent.atomic.AtomicInteger();

    private final String base;
    /** Where sockets are opened: {@code base} unless the server has a chat port ({@link #socketsAt}). */
    private final String socketBase;

    private final CookieManager cookies;
    private final HttpClient http;
    private final SSLContext tls;

    public ChatTestClient(int port) {
        this("http://127.0.0.1:" + port);
    }

    public ChatTestClient(String base) {
        this(base, base, new CookieManager(), null);
    }

    /** A client for an {@code https} base that trusts what {@code tls} trusts (e.g. a test certificate). */
    public ChatTestClient(String base, SSLContext tls) {
        this(base, base, new CookieManager(), tls);
    }

    private ChatTestClient(String base, String socketBase, CookieManager cookies, SSLContext tls) {
        this.base = base;
        this.socketBase = socketBase;
        this.cookies = cookies;
        this.tls = tls;
        var builder = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /** A new client without cookies for {@code base}, trusting the same certificates as this one. */
    public ChatTestClient fresh(String base) {
        return new ChatTestClient(base, tls);
    }

    /**
     * A username no other test in this JVM uses. Test classes share cached Spring contexts (and so their
     * databases): per-class counters would hand two classes the same user and mix their dialogs.
     */
    public static String uniqueUsername(String base) {
        return base + "-" + NAMES.incrementAndGet();
    }

    public String base() {
        return base;
    }

    /** Where {@link #connect} opens sockets (as {@code http}/{@code https}): {@link #base()} unless set otherwise. */
    public String socketBase() {
        return socketBase;
    }

    /** The same browser (same cookies, so the same login) talking to another node at {@code otherBase}. */
    public ChatTestClient onNode(String otherBase) {
        return new ChatTestClient(otherBase, otherBase, cookies, tls);
    }

    /**
     * The same browser (same cookies, pages still at {@link #base()}) opening its sockets at {@code socketBase},
     * like a page of the main port whose sockets go to the chat port. The Origin of its handshakes stays the
     * page's: {@link #base()}.
     */
    public ChatTestClient socketsAt(String socketBase) {
        return new ChatTestClient(base, socketBase, cookies, tls);
    }

    public HttpResponse<String> get(String path) {
        // Like a browser: Spring Security redirects page requests that accept HTML to the login form.
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html,*/*;q=0.8")
                .GET()
                .build());
    }

    /** GET with extra request headers given as name, value, name, value, … (e.g. Accept-Language). */
    public HttpResponse<String> get(String path, String... headers) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** POSTs a form with the CSRF token of the page at {@code formPath}. */
    public HttpResponse<String> postForm(String formPath, String actionPath, String... pairs) {
        String token = csrfOf(get(formPath).body());
        var body = new StringBuilder("_csrf=").append(encode(token));
        for (int i = 0; i < pairs.length; i += 2) {
            body.append('&').append(encode(pairs[i])).append('=').append(encode(pairs[i + 1]));
        }
        return send(HttpRequest.newBuilder(URI.create(base + actionPath))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
    }

    /** Signs up (if needed) and logs in; fails the test if the login is refused. */
    public ChatTestClient signUpAndLogIn(String username, String password) {
        postForm("/signup", "/signup", "username", username, "password", password, "confirm", password);
        return logIn(username, password);
    }

    public ChatTestClient logIn(String username, String password) {
        var response = postForm("/login", "/login", "username", username, "password", password);
        assertThat(response.headers().firstValue("Location").orElse(""))
                .as("login of " + username)
                .doesNotContain("error");
        return this;
    }

    public String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream()
                // JSESSIONID from the container, SESSION from Spring Session (parley.broker=redis)
                .filter(c -> c.getName().equals("JSESSIONID") || c.getName().equals("SESSION"))
                .map(c -> c.getName() + "=" + c.getValue())
                .findFirst()
                .orElse("");
    }

    /** Opens a socket at {@link #socketBase()} with this client's session cookie, from a page at {@link #base()}. */
    public Socket connect(String path) {
        return connect(path, base);
    }

    /** Opens a socket at {@link #socketBase()} with this client's session cookie and the given Origin header. */
    public Socket connect(String path, String origin) {
        var socket = new Socket();
        var builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (!sessionCookie().isEmpty()) {
            builder.header("Cookie", sessionCookie());
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        socket.ws = builder.buildAsync(URI.create(socketBase.replaceFirst("^http", "ws") + path), socket)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        return socket;
    }

    /**
     * The HTTP status of a WebSocket handshake with this client's cookie and the given Origin (null for none):
     * 101 if it was accepted (the socket is closed again at once).
     */
    public int handshakeStatus(String path, String origin) {
        try {
            Socket socket = connect(path, origin);
            socket.close();
            return 101;
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CSRF token of a page's form, or "" when it has none. */
    static String csrfOf(String page) {
        Matcher m = CSRF.matcher(page);
        return m.find() ? m.group(1) : "";
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** One open socket and every frame it received, in order. */
    public static final class Socket implements WebSocket.Listener {
        private WebSocket ws;
        private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private volatile boolean paused;
        private final java.util.concurrent.atomic.AtomicBoolean withheld =
                new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            if (paused) {
                withheld.set(true);
            } else {
                webSocket.request(1);
            }
            return null;
        }

        /**
         * Stops reading: after the frame being delivered now, nothing more is read from the network (not even
         * pings), like a client that hangs or has a full buffer.
         */
        public void pauseReading() {
            paused = true;
        }

        /** Reads again after {@link #pauseReading()}. */
        public void resumeReading() {
            paused = false;
            if (withheld.getAndSet(false)) {
                ws.request(1);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        public Socket send(String text) {
            ws.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
            return this;
        }

        /** Sends one text message as several frames (a first frame and continuations), one per part. */
        public Socket sendInParts(String... parts) {
            for (int i = 0; i < parts.length; i++) {
                ws.sendText(parts[i], i == parts.length - 1)
                        .orTimeout(5, TimeUnit.SECONDS)
                        .join();
            }
            return this;
        }

        public Socket sendBinary(byte[] data) {
            ws.sendBinary(java.nio.ByteBuffer.wrap(data), true)
                    .orTimeout(5, TimeUnit.SECONDS)
                    .join();
            return this;
        }

        public Socket sendJson(Object... pairs) {
            var node = JSON.createObjectNode();
            for (int i = 0; i < pairs.length; i += 2) {
                node.set((String) pairs[i], JSON.valueToTree(pairs[i + 1]));
            }
            return send(JSON.writeValueAsString(node));
        }

        public List<JsonNode> frames() {
            return new ArrayList<>(frames);
        }

        /** Waits up to 10 s for a frame matching {@code test} and returns the first one. */
        public JsonNode await(Predicate<JsonNode> test) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> frames.stream().anyMatch(test));
            return frames.stream().filter(test).findFirst().orElseThrow();
        }

        public JsonNode awaitType(String type) {
            return await(f -> type.equals(f.path("type").asString()));
        }

        /** Waits up to 10 s until {@code count} frames match {@code test}, and returns all that match. */
        public List<JsonNode> awaitCount(Predicate<JsonNode> test, int count) {
            return awaitCount(test, count, Duration.ofSeconds(10));
        }

        /** Waits up to {@code timeout} until {@code count} frames match {@code test}, and returns them all. */
        public List<JsonNode> awaitCount(Predicate<JsonNode> test, int count, Duration timeout) {
            Awaitility.await()
                    .atMost(timeout)
                    .until(() -> frames.stream().filter(test).count() >= count);
            return frames.stream().filter(test).toList();
        }

        /** How many frames arrived so far; pass it to {@link #awaitAfter} to wait for a newer frame. */
        public int mark() {
            return frames.size();
        }

        /** Waits up to 10 s for a frame matching {@code test} among those that arrived after {@code mark}. */
        public JsonNode awaitAfter(int mark, Predicate<JsonNode> test) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> since(mark).stream().anyMatch(test));
            return since(mark).stream().filter(test).findFirst().orElseThrow();
        }

        /** The frames that arrived after {@code mark}. */
        public List<JsonNode> since(int mark) {
            List<JsonNode> all = frames();
            return all.subList(Math.min(mark, all.size()), all.size());
        }

        public List<JsonNode> ofType(String type) {
            return frames.stream()
                    .filter(f -> type.equals(f.path("type").asString()))
                    .toList();
        }

        public void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .orTimeout(5, TimeUnit.SECONDS)
                    .join();
        }

        /** Drops the TCP connection without a close handshake, like a killed browser. */
        public void abort() {
            ws.abort();
        }

        /** The close code the server sent, waiting up to 10 s. */
        public int awaitClosed() {
            return closed.orTimeout(10, TimeUnit.SECONDS).join();
        }

        public boolean isClosed() {
            return closed.isDone();
        }
    }
}
