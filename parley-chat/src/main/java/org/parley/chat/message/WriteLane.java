package org.parley.chat.message;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * One writer thread of {@link MessageBatcher} and its bounded queue: it takes every message waiting at
 * that moment (up to {@code maxBatch}), writes them with {@link BatchSql} in one transaction, and completes
 * each message's future with its id after the commit, or with the failure.
 */
final class WriteLane {

    private static final Logger log = LoggerFactory.getLogger(WriteLane.class);

    /** A message waiting to be written; {@code id} completes after the commit. */
    record Pending(NewMessage message, CompletableFuture<Long> id) {}

    private final BatchSql sql;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    /**
     * Senders queue under the read lock (side by side); the thread takes the write lock once it has stopped,
     * so that a message queued while it was stopping is failed, never left without an answer.
     */
    private final ReentrantReadWriteLock intake = new ReentrantReadWriteLock();

    private volatile boolean running = true;
    // Written by this lane's thread only; read by metrics.
    private volatile long batches;
    private volatile long written;
    private volatile long writeNanos;

    WriteLane(BatchSql sql, int maxBatch, int queueCapacity, String name) {
        this.sql = sql;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a message, waiting up to {@code timeoutMillis} for room; false if there was none or the lane stopped. */
    boolean offer(Pending pending, long timeoutMillis) throws InterruptedException {
        intake.readLock().lock();
        try {
            return running && queue.offer(pending, timeoutMillis, TimeUnit.MILLISECONDS);
        } finally {
            intake.readLock().unlock();
        }
    }

    int queued() {
        return queue.size();
    }

    long batches() {
        return batches;
    }

    long written() {
        return written;
    }

    long writeNanos() {
        return writeNanos;
    }

    /** Stops taking messages; those already queued are still written. */
    void stopTaking() {
        running = false;
    }

    /** Waits up to {@code millis} for the thread to finish writing what was queued. */
    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        List<Runnable> outcomes = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                long start = System.nanoTime();
                write(batch, outcomes);
                // Counted before the senders hear back, so the meters never lag behind what they saw.
                writeNanos += System.nanoTime() - start;
                written += batch.size();
                batches++;
                for (Runnable outcome : outcomes) {
                    outcome.run();
                }
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException | Error e) {
                // write() completes every future; this only guards the loop itself.
                log.error("Message writer failure", e);
            } finally {
                batch.clear();
                outcomes.clear();
            }
        }
        intake.writeLock().lock();
        try {
            running = false;
            List<Pending> left = new ArrayList<>();
            queue.drainTo(left);
            fail(left, new ChatException(ErrorCode.UNAVAILABLE, "The server is shutting down."));
        } finally {
            intake.writeLock().unlock();
        }
    }

    /** Writes a batch and adds what completes each of its futures (with its id, or the failure) to {@code outcomes}. */
    private void write(List<Pending> batch, List<Runnable> outcomes) {
        List<Long> ids;
        try {
            List<NewMessage> messages = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                messages.add(p.message());
            }
            ids = sql.write(messages);
        } catch (DataIntegrityViolationException e) {
            if (batch.size() > 1) {
                // One bad row (say, its dialog was deleted) must not fail the others: retry each alone.
                for (Pending one : batch) {
                    write(List.of(one), outcomes);
                }
            } else {
                outcomes.add(() -> fail(batch, e));
            }
            return;
        } catch (RuntimeException | Error e) {
            outcomes.add(() -> fail(batch, e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            long id = ids.get(i);
            outcomes.add(() -> pending.id().complete(id));
        }
    }

    private static void fail(List<Pending> batch, Throwable e) {
        for (Pending p : batch) {
            p.id().completeExceptionally(e);
        }
    }
}
