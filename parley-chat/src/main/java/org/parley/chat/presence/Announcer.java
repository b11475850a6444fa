package org.parley.chat.presence;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs presence announcements one after the other, in the order they were handed over: on one thread of
 * its own ({@link #ownThread}) in an application, or on the caller's thread ({@link #inline}) in tests and
 * tools. Not an {@code Executor} on purpose, so that as a bean it does not stand in for the application's
 * task executor.
 */
public final class Announcer {

    private final ThreadPoolExecutor thread;

    private Announcer(ThreadPoolExecutor thread) {
        this.thread = thread;
    }

    public static Announcer inline() {
        return new Announcer(null);
    }

    /** One daemon thread with an unbounded queue: an announcement is one small task, never dropped. */
    public static Announcer ownThread(String name) {
        return new Announcer(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }));
    }

    /** Runs {@code announcement} after the ones handed over before it; on the caller's thread once shut down. */
    void submit(Runnable announcement) {
        if (thread == null) {
            announcement.run();
            return;
        }
        try {
            thread.execute(announcement);
        } catch (RejectedExecutionException shutDown) {
            announcement.run();
        }
    }

    /**
     * Lets the queued announcements finish, waiting up to 5 s for them (the sockets closed at shutdown queue
     * their users' "offline"); later ones run on the caller's thread.
     */
    public void shutdown() {
        shutdown(Duration.ofSeconds(5));
    }

    void shutdown(Duration drain) {
        if (thread == null) {
            return;
        }
        thread.shutdown();
        try {
            thread.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
