package org.parley.chat.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A node's copy of the directory's users: fresh for the time limit, dropped when told, never made stale. */
class ChatUserCacheTest {

    private static final ChatUser ANN = new ChatUser(1, "ann", "Ann", false);
    private static final ChatUser ANN_STAFF = new ChatUser(1, "ann", "Ann", true);

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger loads = new AtomicInteger();
    private final ChatUserCache cache = new ChatUserCache(Duration.ofSeconds(60), 100, now::get);

    private Optional<ChatUser> lookUp(ChatUser answer) {
        return cache.get("ann", name -> {
            loads.incrementAndGet();
            return Optional.ofNullable(answer);
        });
    }

    @Test
    void aFoundUserIsAnsweredFromTheCopyUntilItExpires() {
        assertThat(lookUp(ANN)).contains(ANN);
        assertThat(lookUp(ANN_STAFF)).contains(ANN); // the copy, not the directory
        assertThat(loads).hasValue(1);

        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThat(lookUp(ANN_STAFF)).contains(ANN_STAFF);
        assertThat(loads).hasValue(2);
    }

    @Test
    void anUnknownUserIsAskedForEveryTimeSoANewSignUpIsSeenAtOnce() {
        assertThat(lookUp(null)).isEmpty();
        assertThat(lookUp(ANN)).contains(ANN);
        assertThat(loads).hasValue(2);
    }

    @Test
    void anEvictedUserIsAskedForAgain() {
        lookUp(ANN);
        cache.evict("ann");
        assertThat(lookUp(ANN_STAFF)).contains(ANN_STAFF);

        cache.clear();
        assertThat(lookUp(null)).isEmpty(); // deactivated meanwhile
        assertThat(cache.size()).isZero();
    }

    @Test
    void aLoadThatRacedAnEvictionIsNotKept() {
        // The directory read the old staff flag, then the change was announced before the read finished.
        Optional<ChatUser> raced = cache.get("ann", name -> {
            cache.evict("ann");
            return Optional.of(ANN);
        });
        assertThat(raced).contains(ANN);
        assertThat(lookUp(ANN_STAFF)).contains(ANN_STAFF);
    }

    @Test
    void aZeroTimeLimitAsksTheDirectoryEveryTime() {
        var uncached = new ChatUserCache(Duration.ZERO, 100, now::get);
        AtomicInteger asked = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            uncached.get("ann", name -> {
                asked.incrementAndGet();
                return Optional.of(ANN);
            });
        }
        assertThat(asked).hasValue(3);
        assertThat(uncached.size()).isZero();
    }

    @Test
    void theCopyNeverHoldsMoreThanItsLimit() {
        var small = new ChatUserCache(Duration.ofSeconds(60), 3, now::get);
        for (int i = 0; i < 10; i++) {
            long id = i;
            small.get("user" + i, name -> Optional.of(new ChatUser(id, name, name, false)));
            assertThat(small.size()).isLessThanOrEqualTo(3);
        }
    }
}
