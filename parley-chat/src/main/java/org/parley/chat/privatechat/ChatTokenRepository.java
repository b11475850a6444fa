package org.parley.chat.privatechat;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** SQL for chat tokens. Only {@link ChatTokenService} uses it. */
class ChatTokenRepository {

    private final JdbcClient jdbc;

    ChatTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String tokenHash, long userId, OffsetDateTime created, OffsetDateTime expiresAt) {
        jdbc.sql("insert into chat_token (token_hash, user_id, created, expires_at) values (?, ?, ?, ?)")
                .params(tokenHash, userId, created, expiresAt)
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
