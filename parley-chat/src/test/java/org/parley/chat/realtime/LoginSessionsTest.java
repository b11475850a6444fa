package org.parley.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How often a socket's frames refresh its login, and whose: at most once per interval, only for the user the
 * session belongs to, and never again once the session is gone. The session store here records the refreshes
 * it is asked for; the servlet, chat-port and Redis tests of parley-server check real sessions.
 */
class LoginSessionsTest {

    private static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final long SECOND = 1_000_000_000L;
    private static final Principal ALICE = () -> "alice";

    private final List<String> refreshed = new CopyOnWriteArrayList<>();
    private final Set<String> gone = Set.of("gone");
    private final Function<String, LoginSessions.Refresh> store = id -> () -> {
        refreshed.add(id);
        return !gone.contains(id);
    };
    private final LoginSessions sessions = new LoginSessions(INTERVAL, () -> store);
    private int markers;

    @AfterEach
    void close() {
        sessions.close();
    }

    /**
     * Waits until every refresh asked for so far has run: refreshes run one at a time in order, so once a
     * marker's has run, so have the earlier ones.
     */
    private void settle() {
        String marker = "marker-" + ++markers;
        sessions.ofId(marker, ALICE).active("alice", System.nanoTime() + 61 * SECOND);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> refreshed.contains(marker));
        refreshed.remove(marker);
    }

    @Test
    void framesRefreshTheSessionAtMostOncePerInterval() {
        LoginSession login = sessions.ofId("s-1", ALICE);
        long start = System.nanoTime();

        login.active("alice", start + 10 * SECOND);
        login.active("alice", start + 61 * SECOND);
        login.active("alice", start + 100 * SECOND);
        login.active("alice", start + 122 * SECOND);
        settle();

        assertThat(refreshed).containsExactly("s-1", "s-1");
    }

    @Test
    void anotherUsersFramesDoNotRefreshIt() {
        LoginSession login = sessions.ofId("s-2", ALICE);
        long later = System.nanoTime() + 61 * SECOND;

        login.active("mallory", later);
        settle();
        assertThat(refreshed).isEmpty();

        login.active("alice", later + SECOND);
        settle();
        assertThat(refreshed).containsExactly("s-2");
    }

    @Test
    void aSessionThatIsGoneIsNotAskedAgain() {
        LoginSession login = sessions.ofId("gone", ALICE);
        long start = System.nanoTime();

        login.active("alice", start + 61 * SECOND);
        settle();
        login.active("alice", start + 200 * SECOND);
        settle();

        assertThat(refreshed).containsExactly("gone");
    }

    @Test
    void nothingToKeepWithoutALoginOrWithTheRefreshOff() {
        assertThat(sessions.ofId("s-5", null)).isNull();
        assertThat(sessions.of(null, ALICE)).isNull();
        try (var off = new LoginSessions(Duration.ZERO, () -> store)) {
            assertThat(off.ofId("s-6", ALICE)).isNull();
        }
    }
}
