package org.parley.chat.privatechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.ChatTokensRevoked;
import org.parley.chat.support.AfterCommit;
import org.parley.chat.system.ChatClock;
import org.parley.chat.user.ChatUser;

/**
 * Issues and checks the django-private-chat endpoint's {@code session_key}: an opaque random 128-bit token
 * bound to one user, valid for {@code parley.private-chat.token-ttl}. It is never the HTTP session id, so a
 * leaked socket URL does not hand over the login. Tokens live in the database as SHA-256 hashes, so every
 * node accepts a token any node issued.
 *
 * <p>A token is also bound to the HTTP session it was issued to, when there is one: logging out of that
 * session ({@link #revokeSession}, called by {@link ChatTokenLogoutHandler}) ends its tokens and closes the
 * sockets opened with them, on every node. Other sessions of the same user (another browser, a phone) keep
 * theirs. A socket whose handshake checked its token just before the logout and registers just after it
 * stays open: the window is the few milliseconds between the two.
 *
 * <p>Thread-safe.
 */
public class ChatTokenService {

    /** 32 lowercase hex digits: the same shape as a Django session key, so old pages need no change. */
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");

    private static final int TOKEN_BYTES = 16;

    private final ChatTokenRepository tokens;
    private final ChatBroker broker;
    private final ChatClock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    ChatTokenService(ChatTokenRepository tokens, ChatBroker broker, ChatClock clock, Duration ttl) {
        this.tokens = tokens;
        this.broker = broker;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * A new token for {@code user}. Expired tokens of everyone are deleted on the way.
     *
     * @param httpSessionId the id of the HTTP session asking for it, whose logout ends it; null when the
     *     request has none (a personal API token), and then only its expiry ends it
     */
    public String issue(ChatUser user, String httpSessionId) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        var now = clock.now();
        tokens.deleteExpired(now);
        tokens.insert(hash(token), user.id(), httpSessionId == null ? null : hash(httpSessionId), now, now.plus(ttl));
        return token;
    }

    /**
     * Ends every token issued to one HTTP session (it is logging out) and has every node close the sockets
     * opened with them (code 4003, {@code CloseReason.LOGGED_OUT}), after the tokens are gone, so a socket
     * that reconnects with one is refused.
     *
     * @return how many tokens ended
     */
    public int revokeSession(String httpSessionId) {
        if (httpSessionId == null) {
            return 0;
        }
        List<ChatTokenRepository.Issued> ended = tokens.ofSession(hash(httpSessionId));
        if (ended.isEmpty()) {
            return 0;
        }
        tokens.delete(ended.stream().map(ChatTokenRepository.Issued::tokenHash).toList());
        Map<Long, List<String>> byUser = ended.stream()
                .collect(Collectors.groupingBy(
                        ChatTokenRepository.Issued::userId,
                        Collectors.mapping(ChatTokenRepository.Issued::tokenHash, Collectors.toList())));
        byUser.forEach((userId, hashes) -> AfterCommit.run(
                () -> broker.publish(new ChatTokensRevoked(userId, hashes), List.of(Topic.user(userId)))));
        return ended.size();
    }

    /** The id of the user a valid, unexpired token belongs to; empty for anything else. */
    public Optional<Long> userOf(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return tokens.userOf(hash(token), clock.now());
    }

    /** Ends every token of a user; sockets already open stay open until they close. */
    public void revokeAll(long userId) {
        tokens.deleteAllOf(userId);
    }

    /** SHA-256 (hex) of a token, or of an HTTP session id. */
    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
