package org.parley.chat.privatechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.parley.chat.system.ChatClock;
import org.parley.chat.user.ChatUser;

/**
 * Issues and checks the django-private-chat endpoint's {@code session_key}: an opaque random 128-bit token
 * bound to one user, valid for {@code parley.private-chat.token-ttl}. It is never the HTTP session id, so a
 * leaked socket URL does not hand over the login. Tokens live in the database as SHA-256 hashes, so every
 * node accepts a token any node issued.
 *
 * <p>Thread-safe.
 */
public class ChatTokenService {

    /** 32 lowercase hex digits: the same shape as a Django session key, so old pages need no change. */
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");

    private static final int TOKEN_BYTES = 16;

    private final ChatTokenRepository tokens;
    private final ChatClock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    ChatTokenService(ChatTokenRepository tokens, ChatClock clock, Duration ttl) {
        this.tokens = tokens;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** A new token for {@code user}. Expired tokens of everyone are deleted on the way. */
    public String issue(ChatUser user) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        var now = clock.now();
        tokens.deleteExpired(now);
        tokens.insert(hash(token), user.id(), now, now.plus(ttl));
        return token;
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

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
