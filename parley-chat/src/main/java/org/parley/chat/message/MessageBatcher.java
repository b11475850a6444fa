package org.parley.chat.message;

import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.support.Futures;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for new messages. Senders hand their message to {@link #submit} and get a future; a writer
 * thread takes every message waiting at that moment (up to {@code maxBatch}), writes them with one insert
 * plus one update of their dialogs' {@code modified} time ({@link BatchSql}), commits once, and only then
 * completes each message's future with its id, on the writer's thread, so that what follows (the events)
 * runs there without waking the sender's thread again. A message is never reported stored before its commit: if the commit
 * fails, every sender of that batch gets the error (a constraint violation is retried row by row, so only
 * the offending message fails).
 *
 * <p>Under load this turns N transactions (N round trips for the inserts, N for the updates, N commits,
 * N synchronous disk flushes on PostgreSQL) into one of each per batch; with a single sender it costs one
 * thread hand-over. There are {@code lanes} writers, each with its own thread, bounded queue and database
 * connection, so one batch is written while the next one's commit is under way. A conversation (a dialog
 * or a room) always goes to the same lane, by its id: one thread writes each conversation, so its ids are
 * committed in increasing order, which catch-up by "messages after id X" relies on. When a lane's queue
 * already holds {@code queueCapacity} messages, a sender waits up to {@code offerTimeout} for room and then
 * gets {@code unavailable}.
 *
 * <p>Thread-safe. See docs/performance.md for the measurements.
 */
public class MessageBatcher implements AutoCloseable {

    private final WriteLane[] lanes;
    private final long offerTimeoutMillis;

    /**
     * @param lanes writer threads (and database connections) working side by side
     * @param maxBatch most messages in one insert and commit
     * @param queueCapacity most messages waiting for each writer
     * @param offerTimeoutMillis how long a sender waits for room in a full queue before {@code unavailable}
     */
    public MessageBatcher(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            int lanes,
            int maxBatch,
            int queueCapacity,
            long offerTimeoutMillis) {
        if (lanes < 1) {
            throw new IllegalArgumentException("At least one writer lane is needed, not " + lanes);
        }
        BatchSql sql = BatchSql.forDatabase(jdbc, tx);
        this.offerTimeoutMillis = offerTimeoutMillis;
        this.lanes = new WriteLane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new WriteLane(sql, maxBatch, queueCapacity, "parley-message-writer-" + i);
        }
    }

    /**
     * Queues a dialog message (waiting up to {@code offerTimeout} for room) and returns its id's future,
     * completed on the writer's thread once the message and its dialog's touch are committed, or failed
     * with what the write threw (a {@code DataAccessException}). Throws {@code unavailable} at once if the
     * writer is overwhelmed or stopped.
     */
    public CompletableFuture<Long> submit(long dialogId, long senderId, String text, OffsetDateTime now) {
        return enqueue(lane(dialogId), new NewMessage(dialogId, 0, senderId, text, now));
    }

    /** Queues a room message; its future completes once it is committed (in the room's order, as above). */
    public CompletableFuture<Long> submitInRoom(long roomId, long senderId, String text, OffsetDateTime now) {
        return enqueue(lane(roomId), new NewMessage(0, roomId, senderId, text, now));
    }

    /** {@link #submit}, waiting for the commit: returns the message's id, or throws what the write threw. */
    public long store(long dialogId, long senderId, String text, OffsetDateTime now) {
        return Futures.await(submit(dialogId, senderId, text, now));
    }

    /** {@link #submitInRoom}, waiting for the commit. */
    public long storeInRoom(long roomId, long senderId, String text, OffsetDateTime now) {
        return Futures.await(submitInRoom(roomId, senderId, text, now));
    }

    private WriteLane lane(long conversationId) {
        return lanes[(int) Math.floorMod(conversationId, (long) lanes.length)];
    }

    private CompletableFuture<Long> enqueue(WriteLane lane, NewMessage message) {
        var pending = new WriteLane.Pending(message, new CompletableFuture<>());
        try {
            if (!lane.offer(pending, offerTimeoutMillis)) {
                throw new ChatException(ErrorCode.UNAVAILABLE, "The chat is too busy to store messages; try again.");
            }
            return pending.id();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException(ErrorCode.UNAVAILABLE, "Interrupted while storing the message.");
        }
    }

    /** Batches written so far (committed or failed), in all lanes. */
    public long batches() {
        return sum(WriteLane::batches);
    }

    /** Messages taken by the writers so far, in all batches. */
    public long written() {
        return sum(WriteLane::written);
    }

    /** Time spent writing and committing batches so far, in nanoseconds, summed over the lanes. */
    public long writeNanos() {
        return sum(WriteLane::writeNanos);
    }

    /** Messages waiting for the writers now (a gauge). */
    public int queued() {
        return (int) sum(WriteLane::queued);
    }

    private long sum(ToLongFunction<WriteLane> figure) {
        long total = 0;
        for (WriteLane lane : lanes) {
            total += figure.applyAsLong(lane);
        }
        return total;
    }

    /** Stops taking messages, writes those already queued, then stops the writers. */
    @Override
    public void close() {
        for (WriteLane lane : lanes) {
            lane.stopTaking();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            for (WriteLane lane : lanes) {
                lane.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
