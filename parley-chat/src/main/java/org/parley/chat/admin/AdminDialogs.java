package org.parley.chat.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Read-only queries behind the admin's dialog list and dialog page; every list reads one page only. */
public class AdminDialogs {

    private static final String JOINED = """
            select d.id, d.owner_id, o.username as owner_username, d.opponent_id,
                   p.username as opponent_username, d.created, d.modified
              from (%s) d
              join chat_user o on o.id = d.owner_id
              join chat_user p on p.id = d.opponent_id
            """;

    private final JdbcClient jdbc;

    public AdminDialogs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Dialogs matching {@code filter}, latest activity first. */
    public OffsetPage<AdminDialog> list(DialogFilter filter, int page, int size) {
        var where = new Where();
        if (filter.participant() != null && !filter.participant().isBlank()) {
            Optional<Long> id = userId(filter.participant().trim());
            if (id.isEmpty()) {
                return new OffsetPage<>(List.of(), page, size, false);
            }
            where.and("(d.owner_id = :participant or d.opponent_id = :participant)", "participant", id.get());
        }
        where.range("d.created", filter.created(), "created").range("d.modified", filter.modified(), "modified");
        // The page is cut inside, before the joins, so only its rows are joined with their users.
        String inner = "select * from dialog d" + where.sql()
                + " order by d.modified desc, d.id desc limit :limit offset :offset";
        List<AdminDialog> rows = where.bind(jdbc.sql(JOINED.formatted(inner) + " order by d.modified desc, d.id desc"))
                .param("limit", size + 1)
                .param("offset", (long) page * size)
                .query(AdminDialogs::map)
                .list();
        return OffsetPage.of(rows, page, size);
    }

    /** One dialog, or DIALOG_NOT_FOUND. */
    public AdminDialog require(long id) {
        return jdbc.sql(JOINED.formatted("select * from dialog where id = ?"))
                .param(id)
                .query(AdminDialogs::map)
                .optional()
                .orElseThrow(() -> new ChatException(ErrorCode.DIALOG_NOT_FOUND, "No such dialog."));
    }

    private Optional<Long> userId(String username) {
        return jdbc.sql("select id from chat_user where username = ?")
                .param(username)
                .query(Long.class)
                .optional();
    }

    private static AdminDialog map(ResultSet rs, int row) throws SQLException {
        return new AdminDialog(
                rs.getLong("id"),
                rs.getLong("owner_id"),
                rs.getString("owner_username"),
                rs.getLong("opponent_id"),
                rs.getString("opponent_username"),
                rs.getObject("created", OffsetDateTime.class).toInstant(),
                rs.getObject("modified", OffsetDateTime.class).toInstant());
    }
}
