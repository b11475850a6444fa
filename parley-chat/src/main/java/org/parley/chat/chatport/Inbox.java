package org.parley.chat.chatport;

import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket's received work (its opening, its frames, its close), run in order on the worker pool, one
 * task at a time, never on the I/O thread: a handler may wait for the database, and the I/O thread serves
 * hundreds of other sockets. While {@value #PAUSE_AT} tasks wait, the socket is not read any further, so a
 * client that sends faster than it is served is held back by TCP instead of filling memory.
 *
 * <p>A task may finish later than it returns ({@link #finishWhen}: a message finishes once it is committed,
 * on the message writer's thread): the next task waits until then, so no worker waits for the database and
 * the socket's frames are still answered in order.
 */
final class Inbox implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    static final int PAUSE_AT = 4;

    private final Channel channel;
    private final Executor workers;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(PAUSE_AT);
    private boolean running;
    private boolean paused;
    /** Until its first task ran ({@link #runFirstHere}), whatever arrives (a close) waits. */
    private boolean held = true;
    /** Set by the running task through {@link #finishWhen}; read by the same thread when the task returns. */
    private CompletionStage<?> finishing;

    Inbox(Channel channel, Executor workers) {
        this.channel = channel;
        this.workers = workers;
    }

    /** Called by the running task: the next task waits until {@code done} completes. */
    void finishWhen(CompletionStage<?> done) {
        finishing = done;
    }

    void add(Runnable task) {
        boolean start;
        synchronized (this) {
            tasks.add(task);
            if (tasks.size() >= PAUSE_AT && !paused) {
                paused = true;
                channel.config().setAutoRead(false);
            }
            start = !running && !held;
            running |= start;
        }
        if (start) {
            try {
                workers.execute(this);
            } catch (RejectedExecutionException shuttingDown) {
                synchronized (this) {
                    running = false;
                    tasks.clear();
                }
                channel.close();
            }
        }
    }

    /**
     * Runs a fresh inbox's first task on the calling thread (the socket's opening, on a handshake thread, so
     * that opening stays within {@code parley.websocket.concurrent-opens}); what arrives meanwhile (a close)
     * waits and then runs on the worker pool, in order.
     */
    void runFirstHere(Runnable first) {
        synchronized (this) {
            held = false;
            running = true;
        }
        try {
            first.run();
        } catch (Throwable e) {
            log.error("Failure on {}", channel, e);
        }
        if (!waitsForTask()) {
            resume();
        }
    }

    @Override
    public void run() {
        while (true) {
            Runnable task;
            boolean resume = false;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    running = false;
                    resume = paused;
                    paused = false;
                }
            }
            if (task == null) {
                if (resume) {
                    channel.config().setAutoRead(true);
                }
                return;
            }
            try {
                task.run();
            } catch (Throwable e) {
                // Handlers answer their own failures; this is only what escaped them.
                log.error("Failure on {}", channel, e);
            }
            if (waitsForTask()) {
                return;
            }
        }
    }

    /**
     * True if the task just run finishes later: {@link #resume} then runs when it does, on whichever thread
     * completes it, and this thread leaves the inbox alone (still marked running, so nothing else starts it).
     */
    private boolean waitsForTask() {
        CompletionStage<?> done = finishing;
        if (done == null) {
            return false;
        }
        finishing = null;
        if (done.toCompletableFuture().isDone()) {
            return false;
        }
        done.whenComplete((result, failure) -> resume());
        return true;
    }

    /** Goes on after a task finished: on the worker pool if tasks wait, else idle (and reading again). */
    private void resume() {
        boolean more;
        boolean unpause;
        synchronized (this) {
            more = !tasks.isEmpty();
            running = more;
            unpause = !more && paused;
            paused &= more;
        }
        if (unpause) {
            channel.config().setAutoRead(true);
        }
        if (more) {
            try {
                workers.execute(this);
            } catch (RejectedExecutionException shuttingDown) {
                channel.close();
            }
        }
    }
}
