package org.parley.chat.presence;

import java.util.List;

/**
 * Told whenever a user's presence changes (first socket opened, last one closed, or a dead node's user
 * expired), after the change is announced to the user's {@link PresenceAudience}. Rooms use it to tell
 * their members who came and went.
 */
@FunctionalInterface
public interface PresenceListener {

    void presenceChanged(long userId, String username, boolean online);

    /** Several changes, in the order they happened; override to read the database once for all of them. */
    default void presenceChanged(List<PresenceChange> changes) {
        for (PresenceChange change : changes) {
            presenceChanged(change.userId(), change.username(), change.online());
        }
    }
}
