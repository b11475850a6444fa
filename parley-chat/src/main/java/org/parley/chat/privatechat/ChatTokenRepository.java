package org.parley.chat.privatechat;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** SQL for chat tokens. Only {@link ChatTokenService} uses it. */
class ChatTokenRepository {

    private final JdbcClient jdbc;

    ChatTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A token's hash and its user. */
    record Issued(String tokenHash, long userId) {}

    /** @param sessionHash the hash of the HTTP session it is issued to, or null */
    void insert(String tokenHash, long userId, String sessionHash, OffsetDateTime created, OffsetDateTime expiresAt) {
        jdbc.sql("insert into chat_token (token_hash, user_id, session_hash, created, expires_at)"
                        + " values (?, ?, ?, ?, ?)")
                .params(tokenHash, userId, sessionHash, created, expiresAt)
                .update();
    }

    /** The tokens issued to one HTTP session (by the hash of its id). */
    List<Issued> ofSession(String sessionHash) {
        return jdbc.sql("select token_hash, user_id from chat_token where session_hash = ?")
                .param(sessionHash)
                .query((rs, n) -> new Issued(rs.getString("token_hash"), rs.getLong("user_id")))
                .list();
    }

    /** Deletes these tokens; returns how many there were. */
    int delete(Collection<String> tokenHashes) {
        return jdbc.sql("delete from chat_token where token_hash in (:hashes)")
                .param("hashes", tokenHashes)
                .update();
    }

    /** The user of a token that has not expired at {@code now}. */
    Optional<Long> userOf(String tokenHash, OffsetDateTime now) {
        return jdbc.sql("select user_id from chat_token where token_hash = ? and expires_at > ?")
                .params(tokenHash, now)
                .query(Long.class)
                .optional();
    }

    /** Deletes the tokens that expired before {@code now}; returns how many. */
    int deleteExpired(OffsetDateTime now) {
        return jdbc.sql("delete from chat_token where expires_at <= ?")
                .param(now)
                .update();
    }

    /** Deletes every token of one user (log out everywhere, account disabled). */
    int deleteAllOf(long userId) {
        return jdbc.sql("delete from chat_token where user_id = ?")
                .param(userId)
                .update();
    }
}
