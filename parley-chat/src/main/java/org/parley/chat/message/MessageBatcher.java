package org.parley.chat.message;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for new messages. Senders hand their message to {@link #store} and wait; one writer thread
 * takes every message waiting at that moment (up to {@code maxBatch}), writes them with one insert plus one
 * update of their dialogs' {@code modified} time ({@link BatchSql}), commits once, and only then
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

    /** A message waiting to be written; {@code id} completes after the commit. */
    private record Pending(NewMessage message, CompletableFuture<Long> id) {}

    private final BatchSql sql;
    private final TransactionTemplate tx;
    private final int maxBatch;
    private final long offerTimeoutMillis;
    private final BlockingQueue<Pending> queue;
    private final Thread writer;
    private volatile boolean running = true;
    // Written by the writer thread only; read by metrics.
    private volatile long batches;
    private volatile long written;
    private volatile long writeNanos;

    /**
     * @param maxBatch most messages in one insert and commit
     * @param queueCapacity most messages waiting for the writer
     * @param offerTimeoutMillis how long a sender waits for room in a full queue before {@code unavailable}
     */
    public MessageBatcher(
            JdbcTemplate jdbc, TransactionTemplate tx, int maxBatch, int queueCapacity, long offerTimeoutMillis) {
        this.sql = BatchSql.forDatabase(jdbc);
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
        return enqueue(new Pending(new NewMessage(dialogId, 0, senderId, text, now), new CompletableFuture<>()));
    }

    /**
     * Stores a room message; returns its id once it is committed. Room messages share the writer with
     * dialog messages, so a room's ids, too, are committed in increasing order.
     */
    public long storeInRoom(long roomId, long senderId, String text, OffsetDateTime now) {
        return enqueue(new Pending(new NewMessage(0, roomId, senderId, text, now), new CompletableFuture<>()));
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

    /** Batches written so far (committed or failed). */
    public long batches() {
        return batches;
    }

    /** Messages taken by the writer so far, in all batches. */
    public long written() {
        return written;
    }

    /** Time spent writing and committing batches so far, in nanoseconds. */
    public long writeNanos() {
        return writeNanos;
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
                long start = System.nanoTime();
                write(batch);
                writeNanos += System.nanoTime() - start;
                written += batch.size();
                batches++;
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
            List<NewMessage> messages = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                messages.add(p.message);
            }
            ids = tx.execute(status -> sql.write(messages));
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
