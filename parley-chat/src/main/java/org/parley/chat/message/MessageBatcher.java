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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for new messages. Senders hand their message to {@link #store} and wait; one writer thread
 * takes every message waiting at that moment (up to {@code maxBatch}), writes them with one multi-row
 * insert plus one batched update of their dialogs' {@code modified} time, commits once, and only then
 * lets each sender go on with its message's id. A message is never reported stored before its commit:
 * if the commit fails, every sender of that batch gets the error (a constraint violation is retried row
 * by row, so only the offending message fails).
 *
 * <p>Under load this turns N transactions (N round trips for the inserts, N for the updates, N commits,
 * N synchronous disk flushes on PostgreSQL) into one of each per batch; with a single sender it costs one
 * thread hand-over. The queue is bounded: when {@code queueCapacity} messages already wait, a sender
 * waits up to {@code offerTimeout} for room and then gets {@code unavailable}. Because one thread writes,
 * a node's message ids are committed in increasing order, which catch-up by "messages after id X" relies
 * on.
 *
 * <p>Thread-safe. See docs/performance.md for the measurements.
 */
public class MessageBatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MessageBatcher.class);
    private static final String INSERT_HEAD =
            "insert into chat_message (dialog_id, room_id, sender_id, text, is_read, is_removed, created, modified)"
                    + " values ";
    private static final String INSERT_ROW = "(?, ?, ?, ?, false, false, ?, ?)";

    /**
     * A message waiting to be written; {@code id} completes after the commit. Exactly one of
     * {@code dialogId} and {@code roomId} is set (non-zero).
     */
    private record Pending(
            long dialogId, long roomId, long senderId, String text, OffsetDateTime now, CompletableFuture<Long> id) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final int maxBatch;
    private final long offerTimeoutMillis;
    private final BlockingQueue<Pending> queue;
    private final Thread writer;
    private volatile boolean running = true;

    /**
     * @param maxBatch most messages in one insert and commit
     * @param queueCapacity most messages waiting for the writer
     * @param offerTimeoutMillis how long a sender waits for room in a full queue before {@code unavailable}
     */
    public MessageBatcher(
            JdbcTemplate jdbc, TransactionTemplate tx, int maxBatch, int queueCapacity, long offerTimeoutMillis) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.maxBatch = maxBatch;
        this.offerTimeoutMillis = offerTimeoutMillis;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.writer = new Thread(this::run, "parley-message-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Stores a dialog message and touches its dialog; returns the message's id once it is committed.
     * Throws what the write threw (a {@code DataAccessException}), or {@code unavailable} if the writer is
     * overwhelmed or stopped.
     */
    public long store(long dialogId, long senderId, String text, OffsetDateTime now) {
        return enqueue(new Pending(dialogId, 0, senderId, text, now, new CompletableFuture<>()));
    }

    /**
     * Stores a room message; returns its id once it is committed. Room messages share the writer with
     * dialog messages, so a room's ids, too, are committed in increasing order.
     */
    public long storeInRoom(long roomId, long senderId, String text, OffsetDateTime now) {
        return enqueue(new Pending(0, roomId, senderId, text, now, new CompletableFuture<>()));
    }

    private long enqueue(Pending pending) {
        try {
            if (!running || !queue.offer(pending, offerTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new ChatException(ErrorCode.UNAVAILABLE, "The chat is too busy to store messages; try again.");
            }
            return awaitCommit(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException(ErrorCode.UNAVAILABLE, "Interrupted while storing the message.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("Storing the message failed", e.getCause());
        }
    }

    private long awaitCommit(Pending pending) throws InterruptedException, ExecutionException {
        while (true) {
            try {
                return pending.id.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException stillWaiting) {
                if (!writer.isAlive()) {
                    // Queued just as the writer stopped: nobody will write it.
                    throw new ChatException(ErrorCode.UNAVAILABLE, "The server is shutting down.");
                }
            }
        }
    }

    /** Messages waiting for the writer now (a gauge). */
    public int queued() {
        return queue.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException | Error e) {
                // write() completes every future; this only guards the loop itself.
                log.error("Message writer failure", e);
            } finally {
                batch.clear();
            }
        }
        fail(new ArrayList<>(queue), new ChatException(ErrorCode.UNAVAILABLE, "The server is shutting down."));
    }

    private void write(List<Pending> batch) {
        List<Long> ids;
        try {
            ids = tx.execute(status -> insert(batch));
        } catch (DataIntegrityViolationException e) {
            if (batch.size() > 1) {
                // One bad row (say, its dialog was deleted) must not fail the others: retry each alone.
                for (Pending one : batch) {
                    write(List.of(one));
                }
            } else {
                fail(batch, e);
            }
            return;
        } catch (RuntimeException | Error e) {
            fail(batch, e);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).id.complete(ids.get(i));
        }
    }

    private static void fail(List<Pending> batch, Throwable e) {
        for (Pending p : batch) {
            p.id.completeExceptionally(e);
        }
    }

    /**
     * Locks the batch's dialogs (by moving their modified time) and rooms, then one multi-row insert, inside
     * the caller's transaction; ids in batch order.
     *
     * <p>Locking first makes ids follow commit order within each dialog and room even with several nodes
     * writing: a second writer to the same dialog waits for the first one's commit before it takes its ids
     * from the sequence, so its ids are higher. Catch-up by id ("history after the last id I have") relies
     * on that: no message of a dialog or room can be committed below an id a client has already seen.
     */
    private List<Long> insert(List<Pending> batch) {
        touch(batch);
        lockRooms(batch);
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
                    for (Pending m : batch) {
                        setId(ps, p++, m.dialogId);
                        setId(ps, p++, m.roomId);
                        ps.setLong(p++, m.senderId);
                        ps.setString(p++, m.text);
                        set(ps, p++, m.now);
                        set(ps, p++, m.now);
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
    private void lockRooms(List<Pending> batch) {
        Set<Long> rooms = new TreeSet<>();
        for (Pending m : batch) {
            if (m.roomId != 0) {
                rooms.add(m.roomId);
            }
        }
        if (rooms.isEmpty()) {
            return;
        }
        String marks = String.join(", ", Collections.nCopies(rooms.size(), "?"));
        jdbc.queryForList(
                "select id from room where id in (" + marks + ") order by id for update", Long.class, rooms.toArray());
    }

    /** Sets each dialog's modified time to its newest message of the batch, in id order (a fixed lock order). */
    private void touch(List<Pending> batch) {
        Map<Long, OffsetDateTime> newest = new TreeMap<>();
        for (Pending m : batch) {
            if (m.dialogId != 0) {
                newest.merge(m.dialogId, m.now, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        if (newest.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(newest.size());
        newest.forEach((dialogId, now) -> rows.add(new Object[] {now, dialogId}));
        jdbc.batchUpdate("update dialog set modified = ? where id = ?", rows);
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

    /** Stops taking messages, writes those already queued, then stops the writer. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
