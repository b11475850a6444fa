package org.parley.chat.dialog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** SQL for dialogs. Only {@link DialogService} and the message feature's service use it. */
public class DialogRepository {

    private static final String COLUMNS = "id, owner_id, opponent_id, created, modified";

    private static final String SUMMARIES = """
            select d.id, d.modified, u.id as other_id, u.username as other_username,
                   (select count(*) from chat_message m
                     where m.dialog_id = d.id and m.sender_id <> :me
                       and m.is_read = false and m.is_removed = false) as unread
              from dialog d
              join chat_user u
                on u.id = case when d.owner_id = :me then d.opponent_id else d.owner_id end
             where d.owner_id = :me or d.opponent_id = :me
             order by d.modified desc, d.id desc
            """;

    private final JdbcClient jdbc;

    public DialogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Dialog> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from dialog where id = ?")
                .param(id)
                .query(DialogRepository::map)
                .optional();
    }

    public Optional<Dialog> findByPair(long a, long b) {
        return jdbc.sql("select " + COLUMNS + " from dialog where user_low = ? and user_high = ?")
                .param(Math.min(a, b))
                .param(Math.max(a, b))
                .query(DialogRepository::map)
                .optional();
    }

    /** Inserts a dialog; the pair's unique constraint throws DuplicateKeyException if it already exists. */
    public Dialog insert(long ownerId, long opponentId, OffsetDateTime now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into dialog (owner_id, opponent_id, user_low, user_high, created, modified)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(ownerId, opponentId, Math.min(ownerId, opponentId), Math.max(ownerId, opponentId), now, now)
                .update(keys, "id");
        return new Dialog(keys.getKey().longValue(), ownerId, opponentId, now.toInstant(), now.toInstant());
    }

    public void touch(long dialogId, OffsetDateTime now) {
        jdbc.sql("update dialog set modified = ? where id = ?")
                .params(now, dialogId)
                .update();
    }

    /** One page of {@link #summariesFor(long)}: {@code limit} rows from {@code offset}. */
    public List<DialogSummary> summariesFor(long userId, int limit, long offset) {
        return jdbc.sql(SUMMARIES + " limit :limit offset :offset")
                .param("me", userId)
                .param("limit", limit)
                .param("offset", offset)
                .query(DialogRepository::summary)
                .list();
    }

    /** The user's dialogs, latest activity first, with the number of messages they have not read. */
    public List<DialogSummary> summariesFor(long userId) {
        return jdbc.sql(SUMMARIES)
                .param("me", userId)
                .query(DialogRepository::summary)
                .list();
    }

    /** Everyone who has a dialog with {@code userId}. */
    public List<Long> partnersOf(long userId) {
        return jdbc.sql("""
                        select case when owner_id = :me then opponent_id else owner_id end
                          from dialog where owner_id = :me or opponent_id = :me
                        """).param("me", userId).query(Long.class).list();
    }

    /** {@link #partnersOf(long)} for several users with one query: each user's partners, by user id. */
    public Map<Long, List<Long>> partnersOf(Set<Long> userIds) {
        Map<Long, List<Long>> partners = new HashMap<>();
        if (userIds.isEmpty()) {
            return partners;
        }
        jdbc.sql("select owner_id, opponent_id from dialog where owner_id in (:users) or opponent_id in (:users)")
                .param("users", userIds)
                .query(rs -> {
                    long owner = rs.getLong(1);
                    long opponent = rs.getLong(2);
                    if (userIds.contains(owner)) {
                        partners.computeIfAbsent(owner, id -> new ArrayList<>()).add(opponent);
                    }
                    if (userIds.contains(opponent)) {
                        partners.computeIfAbsent(opponent, id -> new ArrayList<>())
                                .add(owner);
                    }
                });
        return partners;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static DialogSummary summary(ResultSet rs, int row) throws SQLException {
        return new DialogSummary(
                rs.getLong("id"),
                rs.getLong("other_id"),
                rs.getString("other_username"),
                instant(rs, "modified"),
                rs.getLong("unread"));
    }

    private static Dialog map(ResultSet rs, int row) throws SQLException {
        return new Dialog(
                rs.getLong("id"),
                rs.getLong("owner_id"),
                rs.getLong("opponent_id"),
                instant(rs, "created"),
                instant(rs, "modified"));
    }
}
