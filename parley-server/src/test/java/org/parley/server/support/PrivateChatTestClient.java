package org.parley.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a django-private-chat page does: gets {@code session_key} and {@code ws_server_path} for a logged-in
 * user, then opens {@code ws_server_path + session_key + "/" + opponent} with no cookie (the original page
 * talks to another origin), sending the original's packets.
 */
public final class PrivateChatTestClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChatTestClient login;
    private final String sessionKey;
    private final String wsServerPath;

    private PrivateChatTestClient(ChatTestClient login, String sessionKey, String wsServerPath) {
        this.login = login;
        this.sessionKey = sessionKey;
        this.wsServerPath = wsServerPath;
    }

    /** Signs up and logs in {@code username}, then asks {@code /api/private-chat/session}. */
    public static PrivateChatTestClient signUp(int port, String username) {
        return of(new ChatTestClient(port).signUpAndLogIn(username, username + "-password"));
    }

    public static PrivateChatTestClient of(ChatTestClient login) {
        var response = login.get("/api/private-chat/session");
        assertThat(response.statusCode()).as("GET /api/private-chat/session").isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        return new PrivateChatTestClient(
                login,
                body.path("session_key").asString(),
                body.path("ws_server_path").asString());
    }

    /** The same user and address with another key (e.g. one a page rendered). */
    public PrivateChatTestClient withKey(String otherKey) {
        return new PrivateChatTestClient(login, otherKey, wsServerPath);
    }

    public ChatTestClient login() {
        return login;
    }

    public String sessionKey() {
        return sessionKey;
    }

    public String wsServerPath() {
        return wsServerPath;
    }

    /**
     * Where the original page opens its sockets: the address in {@code ws_server_path}, as {@code http} or
     * {@code https} (the main port, the separate port or the chat port, whichever the server named).
     */
    public String socketBase() {
        URI uri = URI.create(wsServerPath);
        return ("wss".equals(uri.getScheme()) ? "https" : "http") + "://" + uri.getRawAuthority();
    }

    /**
     * Opens the dialog socket with {@code opponent} at the address {@code ws_server_path} names, from a page of
     * another origin, without a cookie.
     */
    public ChatTestClient.Socket open(String opponent) {
        return open(opponent, socketBase());
    }

    /** The same, at another base address (e.g. the separate chat port). */
    public ChatTestClient.Socket open(String opponent, String base) {
        String path = URI.create(wsServerPath).getRawPath() + sessionKey + "/" + opponent;
        return login.fresh(base).connect(path, "http://django.example.org");
    }

    /**
     * Opens the dialog socket and waits for the answer to a {@code check-online}, so the server has
     * registered it: a client sees the handshake's 101 before the server has finished opening the socket.
     */
    public ChatTestClient.Socket openReady(String opponent) {
        return ready(open(opponent), sessionKey, opponent);
    }

    public ChatTestClient.Socket openReady(String opponent, String base) {
        return ready(open(opponent, base), sessionKey, opponent);
    }

    private static ChatTestClient.Socket ready(ChatTestClient.Socket socket, String key, String opponent) {
        int mark = socket.mark();
        socket.send(checkOnline(key, opponent));
        socket.awaitAfter(mark, f -> "gone-online".equals(f.path("type").asString()));
        return socket;
    }

    /** The original's packets. */
    public static String online(String key) {
        return "{\"type\": \"online\", \"session_key\": \"" + key + "\"}";
    }

    public static String checkOnline(String key, String username) {
        return "{\"type\": \"check-online\", \"session_key\": \"" + key + "\", \"username\": \"" + username + "\"}";
    }

    public static String offline(String key, String username) {
        return "{\"type\": \"offline\", \"session_key\": \"" + key + "\", \"username\": \"" + username + "\"}";
    }

    public static String isTyping(String key, String username) {
        return "{\"type\": \"is-typing\", \"session_key\": \"" + key + "\", \"username\": \"" + username
                + "\", \"typing\": true}";
    }

    public static String newMessage(String key, String username, String message) {
        var node = JSON.createObjectNode()
                .put("type", "new-message")
                .put("session_key", key)
                .put("username", username)
                .put("message", message);
        return JSON.writeValueAsString(node);
    }

    public static String readMessage(String key, String username, Object messageId) {
        var node = JSON.createObjectNode()
                .put("type", "read_message")
                .put("session_key", key)
                .put("username", username);
        node.set("message_id", JSON.valueToTree(messageId));
        return JSON.writeValueAsString(node);
    }

    /**
     * The HTTP status a WebSocket handshake to {@code url} gets: 101 if it opened (it is closed again at
     * once), else the refusal's status.
     */
    public static int handshakeStatus(String url, String cookie) {
        var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (cookie != null && !cookie.isEmpty()) {
            builder.header("Cookie", cookie);
        }
        try {
            WebSocket ws = builder.buildAsync(URI.create(url), new WebSocket.Listener() {})
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }
}
