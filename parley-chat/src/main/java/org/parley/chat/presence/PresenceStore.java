package org.parley.chat.presence;

import java.util.Collection;
import java.util.Set;

/**
 * Which users have at least one open socket, across all nodes. A user is online while any of their
 * connections is registered, on any node.
 *
 * <p>Connection ids are globally unique. Implementations are thread-safe; the boolean results tell the
 * caller whether this call changed the user's state, so exactly one caller announces each change.
 */
public interface PresenceStore {

    /** Registers a connection; true if the user was offline before it. */
    boolean connect(long userId, String connectionId);

    /** Removes a connection; true if it was the user's last one. Unknown connections return false. */
    boolean disconnect(long userId, String connectionId);

    boolean isOnline(long userId);

    /** The subset of {@code userIds} that is online; empty if none. */
    Set<Long> onlineAmong(Collection<Long> userIds);
}
