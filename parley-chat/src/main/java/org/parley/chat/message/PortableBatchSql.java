package org.parley.chat.message;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link BatchSql} in plain SQL, for H2 and any other database: in one transaction, one multi-row insert
 * (its text depends on the batch size) and a JDBC batch of per-dialog updates.
 */
final class PortableBatchSql implements BatchSql {

    private static final String INSERT_HEAD =
            "insert into chat_message (dialog_id, room_id, sender_id, text, is_read, is_removed, created, modified)"
                    + " values ";
    private static final String INSERT_ROW = "(?, ?, ?, ?, false, false, ?, ?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    PortableBatchSql(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public List<Long> write(List<NewMessage> batch) {
        return tx.execute(status -> writeInTransaction(batch));
    }

    private List<Long> writeInTransaction(List<NewMessage> batch) {
        touch(batch);
        lockRooms(batch);
        checkSenders(batch);
        var sql = new StringBuilder(INSERT_HEAD.length() + batch.size() * (INSERT_ROW.length() + 2));
        sql.append(INSERT_HEAD);
        for (int i = 0; i < batch.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(INSERT_ROW);
        }
        var keys = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    PreparedStatement ps = connection.prepareStatement(sql.toString(), new String[] {"id"});
                    int p = 1;
                    for (NewMessage m : batch) {
                        setId(ps, p++, m.dialogId());
                        setId(ps, p++, m.roomId());
                        ps.setLong(p++, m.senderId());
                        ps.setString(p++, m.text());
                        set(ps, p++, m.now());
                        set(ps, p++, m.now());
                    }
                    return ps;
                },
                keys);
        List<Long> ids = new ArrayList<>(batch.size());
        for (Map<String, Object> row : keys.getKeyList()) {
            ids.add(((Number) row.values().iterator().next()).longValue());
        }
        if (ids.size() != batch.size()) {
            throw new IllegalStateException("Inserted " + batch.size() + " messages but got " + ids.size() + " ids");
        }
        // One statement numbers its rows in VALUES order, so the ascending ids are the rows' ids in order
        // whatever order the driver returns them in.
        ids.sort(null);
        return ids;
    }

    /** Locks the rooms of the batch's room messages, in id order (a fixed lock order: no deadlocks). */
    private void lockRooms(List<NewMessage> batch) {
        Set<Long> rooms = new TreeSet<>();
        for (NewMessage m : batch) {
            if (m.roomId() != 0) {
                rooms.add(m.roomId());
            }
        }
        if (rooms.isEmpty()) {
            return;
        }
        String marks = String.join(", ", Collections.nCopies(rooms.size(), "?"));
        List<Long> locked = jdbc.queryForList(
                "select id from room where id in (" + marks + ") order by id for update", Long.class, rooms.toArray());
        if (locked.size() != rooms.size()) {
            // What a foreign key would have refused (migration 7 dropped them); the writer retries row by row.
            throw new DataIntegrityViolationException("No such room among " + rooms);
        }
    }

    /** Refuses a batch with a sender that does not exist, as a foreign key would have. */
    private void checkSenders(List<NewMessage> batch) {
        Set<Long> senders = new TreeSet<>();
        for (NewMessage m : batch) {
            senders.add(m.senderId());
        }
        String marks = String.join(", ", Collections.nCopies(senders.size(), "?"));
        Long found = jdbc.queryForObject(
                "select count(*) from chat_user where id in (" + marks + ")", Long.class, senders.toArray());
        if (found == null || found != senders.size()) {
            throw new DataIntegrityViolationException("No such sender among " + senders);
        }
    }

    /** Sets each dialog's modified time to its newest message of the batch, in id order (a fixed lock order). */
    private void touch(List<NewMessage> batch) {
        Map<Long, OffsetDateTime> newest = new TreeMap<>();
        for (NewMessage m : batch) {
            if (m.dialogId() != 0) {
                newest.merge(m.dialogId(), m.now(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        if (newest.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(newest.size());
        newest.forEach((dialogId, now) -> rows.add(new Object[] {now, dialogId}));
        int[] updated = jdbc.batchUpdate("update dialog set modified = ? where id = ?", rows);
        for (int count : updated) {
            if (count == 0) {
                throw new DataIntegrityViolationException("No such dialog among " + newest.keySet());
            }
        }
    }

    /** An id column; 0 means none (SQL null). */
    private static void setId(PreparedStatement ps, int index, long id) throws SQLException {
        if (id == 0) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, id);
        }
    }

    private static void set(PreparedStatement ps, int index, Object value) throws SQLException {
        StatementCreatorUtils.setParameterValue(ps, index, SqlTypeValue.TYPE_UNKNOWN, value);
    }
}
