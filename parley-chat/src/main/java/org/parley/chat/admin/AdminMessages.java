package org.parley.chat.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Read-only queries behind the admin's message lists, removed messages included. Pages are read newest
 * first by id (keyset), so every page costs the same however deep the reader goes.
 */
public class AdminMessages {

    /** The columns the admin shows, over a sub-query ({@code %s}) that picked the rows: a page, or one message. */
    private static final String JOINED = """
            select m.id, m.dialog_id, m.room_id, m.sender_id, u.username as sender_username, m.text, m.is_read,
                   m.is_removed, m.created, m.modified
              from (%s) m join chat_user u on u.id = m.sender_id
            """;

    private final JdbcClient jdbc;

    public AdminMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public KeysetPage<AdminMessage> list(MessageFilter filter, Long before, Long after, int size) {
        var where = new Where();
        if (filter.sender() != null && !filter.sender().isBlank()) {
            Optional<Long> sender = jdbc.sql("select id from chat_user where username = ?")
                    .param(filter.sender().trim())
                    .query(Long.class)
                    .optional();
            if (sender.isEmpty()) {
                return new KeysetPage<>(List.of(), null, null);
            }
            where.and("m.sender_id = :sender", "sender", sender.get());
        }
        where.and("m.dialog_id = :dialog", "dialog", filter.dialogId())
                .and("m.room_id = :room", "room", filter.roomId())
                .and("m.is_removed = :removed", "removed", filter.removed())
                .range("m.created", filter.created(), "created")
                .contains("m.text", filter.text(), "text")
                .and("m.id < :before", "before", before)
                .and("m.id > :after", "after", after);
        String order = after != null ? " order by m.id asc" : " order by m.id desc";
        // The page is cut inside, before the join, so the database walks the id index and stops at the page.
        String inner = "select * from chat_message m" + where.sql() + order + " limit :limit";
        List<AdminMessage> rows = where.bind(jdbc.sql(JOINED.formatted(inner) + order))
                .param("limit", size + 1)
                .query(AdminMessages::map)
                .list();
        return KeysetPage.of(rows, size, before, after, AdminMessage::id);
    }

    /** One message, removed or not, or MESSAGE_NOT_FOUND. */
    public AdminMessage require(long id) {
        return jdbc.sql(JOINED.formatted("select * from chat_message where id = ?"))
                .param(id)
                .query(AdminMessages::map)
                .optional()
                .orElseThrow(() -> new ChatException(ErrorCode.MESSAGE_NOT_FOUND, "No such message."));
    }

    private static AdminMessage map(ResultSet rs, int row) throws SQLException {
        return new AdminMessage(
                rs.getLong("id"),
                rs.getObject("dialog_id", Long.class),
                rs.getObject("room_id", Long.class),
                rs.getLong("sender_id"),
                rs.getString("sender_username"),
                rs.getString("text"),
                rs.getBoolean("is_read"),
                rs.getBoolean("is_removed"),
                rs.getObject("created", OffsetDateTime.class).toInstant(),
                rs.getObject("modified", OffsetDateTime.class).toInstant());
    }
}
