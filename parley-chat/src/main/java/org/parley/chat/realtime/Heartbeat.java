package org.parley.chat.realtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Pings every socket once per {@code parley.websocket.ping-interval} and closes (4002) those not heard from
 * (no frame, no pong) for one and a half intervals. It checks every half interval, so a client that vanished
 * without closing (a killed browser, a dead network) is closed, and its user offline, within two intervals
 * of the last thing it sent: 40 s with the default 20 s. A healthy client answers each ping within half an
 * interval, so it is never closed.
 */
public class Heartbeat implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    private final SessionRegistry registry;
    private final long intervalNanos;
    private final long tickNanos;
    private final long silenceLimitNanos;
    private ScheduledExecutorService timer;

    public Heartbeat(SessionRegistry registry, Duration interval) {
        this.registry = registry;
        this.intervalNanos = interval.toNanos();
        this.tickNanos = Math.max(1, intervalNanos / 2);
        this.silenceLimitNanos = intervalNanos + intervalNanos / 2;
    }

    void beat() {
        long now = System.nanoTime();
        for (ChatConnection connection : registry.all()) {
            try {
                if (connection.silentNanos(now) > silenceLimitNanos) {
                    connection.closeLater(CloseReason.HEARTBEAT_TIMEOUT.status(), "no pong for 1.5 ping intervals");
                } else if (connection.stalled(now)) {
                    connection.closeLater(
                            CloseReason.SLOW_CONSUMER.status(), "a frame waited over the send-time limit");
                } else if (connection.sincePingNanos(now) >= intervalNanos - tickNanos / 2) {
                    // Every other tick; the half-tick slack absorbs timer jitter.
                    connection.ping(now);
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
        timer.scheduleWithFixedDelay(this::beat, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
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
