package org.parley.chat.realtime;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets at most {@code parley.websocket.concurrent-opens} WebSocket handshakes run through the filter chain
 * and the handshake at once; the others wait their turn (first come, first served).
 *
 * <p>Why: a handshake asks the database who the user is (the login check of a host or the standalone
 * server, the directory on a cache miss). After a deploy, thousands of clients reconnect within a second and
 * every container thread (200) ran those queries at once on a pool of ten connections; whoever waited more
 * than the pool's timeout failed and its socket was refused (docs/performance.md, "Opening sockets").
 * Waiting here instead costs nothing but the wait, and the pool is never flooded. A handshake that waits
 * longer than {@code parley.websocket.open-wait} gets 503, which browsers' reconnecting clients retry.
 */
public class SocketOpenLimiter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SocketOpenLimiter.class);

    private final Semaphore permits;
    private final long waitNanos;

    public SocketOpenLimiter(int concurrentOpens, Duration wait) {
        this.permits = new Semaphore(concurrentOpens, true);
        this.waitNanos = wait.toNanos();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            log.warn(
                    "Refused a WebSocket handshake to {}: {} others were still opening",
                    request.getRequestURI(),
                    permits.getQueueLength());
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    /** Handshakes waiting for their turn. */
    public int waiting() {
        return permits.getQueueLength();
    }
}
