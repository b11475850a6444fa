package org.parley.chat.realtime;

import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * Makes the {@link LoginSession} of each socket opened with an HTTP session, and marks those sessions used on
 * one thread of its own ({@code parley-login-refresh}), so a socket's thread never waits for a session store
 * (Redis, with Spring Session). The container's sessions are marked through the Servlet 6.1 session accessor,
 * Spring Session's through its repository. A refresh that finds no room in the queue is dropped: the next
 * frame after another interval tries again, well before any session timeout of minutes.
 */
public final class LoginSessions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoginSessions.class);
    private static final int QUEUE = 4096;

    /** Marks one session used; false once it is gone (expired or logged out), so its socket stops asking. */
    public interface Refresh {
        boolean refresh();
    }

    private final long intervalNanos;
    private final Supplier<Function<String, Refresh>> sessionStore;
    private final ThreadPoolExecutor refresher;

    /**
     * @param interval how often at most one socket's frames mark its session used; zero turns it off
     * @param sessionStore the refresh of a session id in the application's session store (Spring Session), or a
     *     supplier of null when the servlet container keeps the sessions; asked once, on first use
     */
    public LoginSessions(Duration interval, Supplier<Function<String, Refresh>> sessionStore) {
        this.intervalNanos = interval.toNanos();
        this.sessionStore = SingletonSupplier.of(sessionStore);
        this.refresher = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread thread = new Thread(r, "parley-login-refresh");
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.DiscardPolicy());
    }

    /**
     * The login of a socket whose handshake came with {@code session} (a servlet request's, or one the chat
     * port found by its cookie); null when there is none to keep alive.
     */
    public LoginSession of(HttpSession session, Principal principal) {
        if (session == null || principal == null || intervalNanos <= 0) {
            return null;
        }
        Function<String, Refresh> store = sessionStore.get();
        if (store != null) {
            // Spring Session's servlet sessions carry its own ids.
            return new Handle(principal.getName(), store.apply(session.getId()));
        }
        HttpSession.Accessor accessor = session.getAccessor(); // null in a container without Servlet 6.1's accessor
        return accessor == null
                ? null
                : new Handle(principal.getName(), () -> {
                    try {
                        accessor.access(used -> {});
                        return true;
                    } catch (IllegalStateException gone) {
                        return false;
                    }
                });
    }

    /** The login of a socket whose handshake's cookie named session {@code id} in the session store. */
    public LoginSession ofId(String id, Principal principal) {
        Function<String, Refresh> store = sessionStore.get();
        if (id == null || principal == null || intervalNanos <= 0 || store == null) {
            return null;
        }
        return new Handle(principal.getName(), store.apply(id));
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }

    private final class Handle implements LoginSession {

        private final String username;
        private final Refresh refresh;
        // The handshake was the last use the session saw from this socket; frames of one socket come one at a
        // time, so a plain volatile is enough.
        private volatile long lastNanos = System.nanoTime();
        private volatile boolean gone;

        Handle(String username, Refresh refresh) {
            this.username = username;
            this.refresh = refresh;
        }

        @Override
        public void active(String user, long nanoTime) {
            if (gone || nanoTime - lastNanos < intervalNanos || !username.equals(user)) {
                return;
            }
            lastNanos = nanoTime;
            refresher.execute(this::refresh);
        }

        private void refresh() {
            try {
                if (refresh.refresh()) {
                    log.debug("Socket activity kept the login of {} alive", username);
                } else {
                    gone = true;
                    log.debug("The login of {} has ended; its socket no longer refreshes it", username);
                }
            } catch (RuntimeException e) {
                log.debug("Could not refresh the login of {}: {}", username, e.toString());
            }
        }
    }
}
