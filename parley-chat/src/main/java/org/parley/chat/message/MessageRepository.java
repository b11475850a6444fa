package org.parley.chat.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** SQL for messages. Removed messages are only ever read by {@link #findIncludingRemoved}. */
public class MessageRepository {

    private static final String SELECT = """
            select m.id, m.dialog_id, m.sender_id, u.username as sender_username, m.text, m.is_read, m.created
              from chat_message m join chat_user u on u.id = m.sender_id
            """;

    private final JdbcClient jdbc;

    public MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long dialogId, long senderId, String text, OffsetDateTime now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into chat_message (dialog_id, sender_id, text, is_read, is_removed, created, modified)"
                        + " values (?, ?, ?, false, false, ?, ?)")
                .params(dialogId, senderId, text, now, now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** A visible message by id. */
    public Optional<ChatMessage> find(long id) {
        return jdbc.sql(SELECT + " where m.id = ? and m.is_removed = false")
                .param(id)
                .query(MessageRepository::map)
                .optional();
    }

    /**
     * Up to {@code limit + 1} visible messages of a dialog, oldest first: the newest ones before
     * {@code beforeId}, or the oldest ones after {@code afterId}, or the newest ones when both are null.
     */
    public List<ChatMessage> page(long dialogId, Long beforeId, Long afterId, int limit) {
        if (afterId != null) {
            return jdbc.sql(SELECT + " where m.dialog_id = ? and m.is_removed = false and m.id > ?"
                            + " order by m.id asc limit ?")
                    .params(dialogId, afterId, limit + 1)
                    .query(MessageRepository::map)
                    .list();
        }
        List<ChatMessage> newestFirst = jdbc.sql(SELECT + " where m.dialog_id = ? and m.is_removed = false"
                        + " and m.id < ? order by m.id desc limit ?")
                .params(dialogId, beforeId == null ? Long.MAX_VALUE : beforeId, limit + 1)
                .query(MessageRepository::map)
                .list();
        List<ChatMessage> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** Marks a message read; false if it was already read. */
    public boolean markRead(long id, OffsetDateTime now) {
        return jdbc.sql("update chat_message set is_read = true, modified = ? where id = ? and is_read = false")
                        .params(now, id)
                        .update()
                == 1;
    }

    private static ChatMessage map(ResultSet rs, int row) throws SQLException {
        return new ChatMessage(
                rs.getLong("id"),
                rs.getLong("dialog_id"),
                rs.getLong("sender_id"),
                rs.getString("sender_username"),
                rs.getString("text"),
                rs.getBoolean("is_read"),
                rs.getObject("created", OffsetDateTime.class).toInstant());
    }
}
