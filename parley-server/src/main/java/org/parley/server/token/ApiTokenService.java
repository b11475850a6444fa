package org.parley.server.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * Personal API tokens: 32 random bytes, shown once, stored as a SHA-256 hash (a token is as strong as a long
 * random password, so a fast hash is enough and lets a request be checked with one indexed lookup).
 */
@Service
public class ApiTokenService {

    /** Every token starts with this, so a leaked one is easy to recognise (e.g. by secret scanners). */
    static final String PREFIX = "parley_";

    private static final int TOKEN_BYTES = 32;
    private static final int MAX_TOKENS_SHOWN = 100;
    /** Recording every use would write on every request; once a minute is enough to see what is in use. */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    public ApiTokenService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public IssuedToken create(long accountId, String name) {
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into api_token (account_id, name, token_hash, created) values (?, ?, ?, ?)")
                .params(accountId, name, hash(token), now())
                .update(keys, "id");
        return new IssuedToken(keys.getKey().longValue(), name, token);
    }

    /** The account's tokens, newest first (at most 100). */
    public List<ApiToken> of(long accountId) {
        return jdbc.sql("select * from api_token where account_id = ? order by id desc limit ?")
                .params(accountId, MAX_TOKENS_SHOWN)
                .query(ApiTokenService::map)
                .list();
    }

    public Optional<ApiToken> find(long tokenId) {
        return jdbc.sql("select * from api_token where id = ?")
                .param(tokenId)
                .query(ApiTokenService::map)
                .optional();
    }

    /** Revokes a token for good (the row stays, for the record); false if it was already revoked. */
    public boolean revoke(long tokenId) {
        return jdbc.sql("update api_token set revoked = true where id = ? and revoked = false")
                        .param(tokenId)
                        .update()
                == 1;
    }

    /** The username of the active account holding {@code token}, if it is a valid, unrevoked token. */
    public Optional<String> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        record Holder(long id, String username) {}
        Optional<Holder> holder = jdbc.sql("""
                        select t.id, a.username from api_token t join account a on a.id = t.account_id
                         where t.token_hash = ? and t.revoked = false and a.active = true
                        """)
                .param(hash(token))
                .query((rs, n) -> new Holder(rs.getLong("id"), rs.getString("username")))
                .optional();
        holder.ifPresent(h -> {
            OffsetDateTime now = now();
            jdbc.sql("update api_token set last_used = ? where id = ? and (last_used is null or last_used < ?)")
                    .params(now, h.id(), now.minus(LAST_USED_GRANULARITY))
                    .update();
        });
        return holder.map(Holder::username);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime lastUsed = rs.getObject("last_used", OffsetDateTime.class);
        return new ApiToken(
                rs.getLong("id"),
                rs.getLong("account_id"),
                rs.getString("name"),
                rs.getObject("created", OffsetDateTime.class).toInstant(),
                lastUsed == null ? null : lastUsed.toInstant(),
                rs.getBoolean("revoked"));
    }
}
