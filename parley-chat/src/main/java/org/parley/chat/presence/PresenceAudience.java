package org.parley.chat.presence;

import java.util.Collection;

/** Who is told when a user goes online or offline. Features (dialogs, rooms) each provide one. */
@FunctionalInterface
public interface PresenceAudience {

    /** The ids of users to tell about {@code userId}'s presence; may contain duplicates. */
    Collection<Long> audienceOf(long userId);
}
