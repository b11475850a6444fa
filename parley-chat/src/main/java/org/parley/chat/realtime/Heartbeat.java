package org.parley.chat.realtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Pings idle sockets every {@code parley.websocket.ping-interval} and closes those not heard from (no frame,
 * no pong) for two intervals, so a browser that vanished without closing goes offline within two intervals.
 */
public class Heartbeat implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    private final SessionRegistry registry;
    private final long intervalNanos;
    private ScheduledExecutorService timer;

    public Heartbeat(SessionRegistry registry, Duration interval) {
        this.registry = registry;
        this.intervalNanos = interval.toNanos();
    }

    void beat() {
        long now = System.nanoTime();
        for (ChatConnection connection : registry.all()) {
            try {
                if (connection.silentNanos(now) > 2 * intervalNanos) {
                    connection.closeLater(CloseReason.HEARTBEAT_TIMEOUT.status(), "silent for two ping intervals");
                } else {
                    connection.pingIfIdle();
                }
            } catch (RuntimeException e) {
                // One broken socket must not stop the heartbeat of all the others.
                log.warn("Heartbeat of {} failed: {}", connection, e.toString());
            }
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-heartbeat");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::beat, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
