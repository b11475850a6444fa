package org.parley.chat.user;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * This node's copy of the users a directory found, for {@code parley.users.cache-ttl}: opening a socket,
 * every dialog message (its recipient) and, in the standalone server, every request of a logged-in user ask
 * the directory, and without this each asked the database (docs/performance.md, "Opening sockets").
 *
 * <p>Only users found are kept, so a user who just signed up is seen at once. A user the host changes or
 * deactivates is dropped on every node as soon as the host says so ({@link UserSessionService}); the
 * time limit bounds how long a change the host did not report can go unseen, and the whole cache is dropped
 * whenever the link to the other nodes comes back (what it missed meanwhile is unknown). A load that was
 * running while an eviction happened is not kept, so an eviction is never undone by a slow read.
 *
 * <p>Thread-safe.
 */
public final class ChatUserCache {

    private record Entry(ChatUser user, long expiresAt) {}

    private final long ttlNanos;
    private final int maxSize;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Entry> byUsername = new ConcurrentHashMap<>();
    private final AtomicLong evictions = new AtomicLong();

    public ChatUserCache(Duration ttl, int maxSize) {
        this(ttl, maxSize, System::nanoTime);
    }

    ChatUserCache(Duration ttl, int maxSize, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.maxSize = maxSize;
        this.nanoClock = nanoClock;
    }

    /** The user from this node's copy while it is fresh, else from {@code loader} (and kept if found). */
    public Optional<ChatUser> get(String username, Function<String, Optional<ChatUser>> loader) {
        if (ttlNanos <= 0 || maxSize <= 0) {
            return loader.apply(username);
        }
        long now = nanoClock.getAsLong();
        Entry entry = byUsername.get(username);
        if (entry != null && now - entry.expiresAt() < 0) {
            return Optional.of(entry.user());
        }
        long evictionsBefore = evictions.get();
        Optional<ChatUser> loaded = loader.apply(username);
        if (loaded.isEmpty()) {
            byUsername.remove(username);
            return loaded;
        }
        if (byUsername.size() >= maxSize) {
            // Rare (the limit is meant to exceed the users online on a node): start over rather than
            // keep a recency order on every read.
            byUsername.clear();
        }
        byUsername.put(username, new Entry(loaded.get(), now + ttlNanos));
        if (evictions.get() != evictionsBefore) {
            byUsername.remove(username); // changed while we read: the next call reads again
        }
        return loaded;
    }

    public void evict(String username) {
        evictions.incrementAndGet();
        byUsername.remove(username);
    }

    public void clear() {
        evictions.incrementAndGet();
        byUsername.clear();
    }

    public int size() {
        return byUsername.size();
    }
}
