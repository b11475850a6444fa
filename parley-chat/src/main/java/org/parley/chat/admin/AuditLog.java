package org.parley.chat.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.parley.chat.system.ChatClock;
import org.parley.chat.user.ChatUser;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit log of staff actions. Every admin service writes one entry per action, in the same transaction
 * as the change, so an action is never recorded without happening or the other way round. Entries are only
 * ever added.
 */
public class AuditLog {

    private static final int MAX_DETAIL = 1000;

    private final JdbcClient jdbc;
    private final ChatClock clock;

    public AuditLog(JdbcClient jdbc, ChatClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records that {@code actor} did {@code action} to the thing {@code targetType}/{@code targetId}.
     *
     * @param detail extra facts for the reader (never a secret), or null
     */
    public void record(ChatUser actor, AdminAction action, String targetType, Object targetId, String detail) {
        jdbc.sql("insert into admin_audit (actor_id, actor_username, action, target_type, target_id, detail, created)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        actor.id(),
                        actor.username(),
                        action.code(),
                        targetType,
                        targetId == null ? null : String.valueOf(targetId),
                        detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL),
                        clock.now())
                .update();
    }

    /**
     * A page of entries, newest first.
     *
     * @param actor only entries by this username, or null
     * @param action only entries with this action code, or null
     */
    public KeysetPage<AuditEntry> page(String actor, String action, Long before, Long after, int size) {
        var where = new Where()
                .and("actor_username = :actor", "actor", blankToNull(actor))
                .and("action = :action", "action", blankToNull(action))
                .and("id < :before", "before", before)
                .and("id > :after", "after", after);
        String order = after != null ? " order by id asc" : " order by id desc";
        List<AuditEntry> rows = where.bind(
                        jdbc.sql("select * from admin_audit" + where.sql() + order + " limit :limit"))
                .param("limit", size + 1)
                .query(AuditLog::map)
                .list();
        return KeysetPage.of(rows, size, before, after, AuditEntry::id);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(
                rs.getLong("id"),
                rs.getLong("actor_id"),
                rs.getString("actor_username"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getString("detail"),
                rs.getObject("created", OffsetDateTime.class).toInstant());
    }
}
