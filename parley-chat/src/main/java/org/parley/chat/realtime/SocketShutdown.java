package org.parley.chat.realtime;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Closes every socket with {@link CloseReason#SHUTDOWN} (1001) when the application stops, before the web
 * server and the database go: clients reconnect (to another node, behind a load balancer) at once, and
 * their users' offline announcements still reach the database and the broker. Runs in the default phase,
 * so it stops before Spring Boot's graceful web server shutdown.
 */
public class SocketShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SocketShutdown.class);
    private static final long POLL_MILLIS = 20;

    private final SessionRegistry registry;
    private final Duration wait;
    private volatile boolean running;

    /** @param wait how long {@link #stop()} waits for the container to report the sockets closed */
    public SocketShutdown(SessionRegistry registry, Duration wait) {
        this.registry = registry;
        this.wait = wait;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        var open = registry.all();
        if (open.isEmpty()) {
            return;
        }
        log.info("Closing {} sockets: server shutting down", open.size());
        for (ChatConnection connection : open) {
            connection.closeLater(CloseReason.SHUTDOWN.status(), "server shutting down");
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            // Closing is asynchronous (the I/O executor); the container then reports each close, which
            // unregisters the socket and announces its user offline.
            while (registry.size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (registry.size() > 0) {
            log.warn("{} sockets still open after {}", registry.size(), wait);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
