package org.parley.chat.message;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link BatchSql} for PostgreSQL: every statement takes arrays, so its text is the same whatever the batch
 * size and the driver prepares it once per connection (a multi-row {@code VALUES} insert is a new statement
 * for each batch size, parsed and planned again), and all of a batch's dialogs are moved by one update
 * instead of one statement each. The statements and the commit take one round trip: with autocommit on,
 * the driver sends them followed by a single Sync, and PostgreSQL runs everything before a Sync as one
 * implicit transaction, committed (and flushed to disk) before it answers; a failing statement rolls back
 * the others. Times travel as microseconds since the epoch, exact in a {@code bigint}.
 */
final class PostgresBatchSql implements BatchSql {

    private static final String LOCK_DIALOGS = "select id from dialog where id = any(?) order by id for update";
    private static final String LOCK_ROOMS = "select id from room where id = any(?) order by id for update";
    private static final String TOUCH_DIALOGS = """
            update dialog set modified = timestamptz 'epoch' + v.micros * interval '1 microsecond'
              from unnest(?::bigint[], ?::bigint[]) as v(id, micros)
             where dialog.id = v.id""";
    // ORDER BY the array position: the sequence numbers rows in the order they reach the insert. The joins
    // stand in for foreign keys (migration 7): a message whose dialog, room or sender is missing gets a null
    // there, which the table's constraints refuse (no target; no sender), failing the batch like a key would.
    private static final String INSERT = """
            insert into chat_message (dialog_id, room_id, sender_id, text, is_read, is_removed, created, modified)
            select d.id, r.id, u.id, rows.text, false, false, rows.at, rows.at
              from (select v.dialog_id, v.room_id, v.sender_id, v.text, v.n,
                           timestamptz 'epoch' + v.micros * interval '1 microsecond' as at
                      from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[])
                           with ordinality as v(dialog_id, room_id, sender_id, text, micros, n)) rows
              left join dialog d on d.id = rows.dialog_id
              left join room r on r.id = rows.room_id
              left join chat_user u on u.id = rows.sender_id
             order by rows.n
            returning id""";

    private final JdbcTemplate jdbc;

    PostgresBatchSql(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Long> write(List<NewMessage> batch) {
        return jdbc.execute((ConnectionCallback<List<Long>>) connection -> write(connection, batch));
    }

    private static List<Long> write(Connection connection, List<NewMessage> batch) throws SQLException {
        Map<Long, Long> newestByDialog = new TreeMap<>();
        var rooms = new TreeSet<Long>();
        int n = batch.size();
        var dialogIds = new Long[n];
        var roomIds = new Long[n];
        var senders = new Long[n];
        var texts = new String[n];
        var times = new Long[n];
        for (int i = 0; i < n; i++) {
            NewMessage m = batch.get(i);
            long micros = micros(m.now().toInstant());
            if (m.dialogId() != 0) {
                dialogIds[i] = m.dialogId();
                newestByDialog.merge(m.dialogId(), micros, Math::max);
            } else {
                roomIds[i] = m.roomId();
                rooms.add(m.roomId());
            }
            senders[i] = m.senderId();
            texts[i] = m.text();
            times[i] = micros;
        }
        // One round trip for all of it: the driver sends the statements of one string together and PostgreSQL
        // answers them together. On a busy server each round trip is a wait for the writer to be scheduled
        // again, so four of them per batch cost more than the statements themselves.
        var sql = new StringBuilder();
        var arrays = new ArrayList<Array>();
        if (!newestByDialog.isEmpty()) {
            sql.append(LOCK_DIALOGS).append(";\n").append(TOUCH_DIALOGS).append(";\n");
            // The same ids for the lock and for the update.
            Array dialogs =
                    connection.createArrayOf("bigint", newestByDialog.keySet().toArray());
            arrays.add(dialogs);
            arrays.add(dialogs);
            arrays.add(
                    connection.createArrayOf("bigint", newestByDialog.values().toArray()));
        }
        if (!rooms.isEmpty()) {
            sql.append(LOCK_ROOMS).append(";\n");
            arrays.add(connection.createArrayOf("bigint", rooms.toArray()));
        }
        sql.append(INSERT);
        arrays.add(connection.createArrayOf("bigint", dialogIds));
        arrays.add(connection.createArrayOf("bigint", roomIds));
        arrays.add(connection.createArrayOf("bigint", senders));
        arrays.add(connection.createArrayOf("text", texts));
        arrays.add(connection.createArrayOf("bigint", times));
        boolean implicitTransaction = connection.getAutoCommit();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < arrays.size(); i++) {
                statement.setArray(i + 1, arrays.get(i));
            }
            List<Long> ids = lastResultIds(statement, statement.execute());
            if (ids.size() != n) {
                throw new IllegalStateException("Inserted " + n + " messages but got " + ids.size() + " ids");
            }
            if (!implicitTransaction) {
                // A pool set to hand out connections without autocommit: the driver opened a transaction.
                connection.commit();
            }
            // Rows took their ids in array order, so the ascending ids are the batch's ids in order.
            ids.sort(null);
            return ids;
        }
    }

    /** Walks past the locks' rows and the update's count to the insert's returned ids (the last result). */
    private static List<Long> lastResultIds(PreparedStatement statement, boolean isResultSet) throws SQLException {
        List<Long> ids = new ArrayList<>();
        while (isResultSet || statement.getUpdateCount() != -1) {
            if (isResultSet) {
                ids.clear();
                try (ResultSet rs = statement.getResultSet()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            isResultSet = statement.getMoreResults();
        }
        return ids;
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}
