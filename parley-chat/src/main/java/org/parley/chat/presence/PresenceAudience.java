package org.parley.chat.presence;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Who is told when a user goes online or offline. Features (dialogs, rooms) each provide one. */
@FunctionalInterface
public interface PresenceAudience {

    /** The ids of users to tell about {@code userId}'s presence; may contain duplicates. */
    Collection<Long> audienceOf(long userId);

    /**
     * The audiences of several users at once, by user id (a user with nobody to tell may be left out). A
     * feature that reads them from the database should override this with one query: after a deploy or
     * during a reconnect storm thousands of users come and go at once.
     */
    default Map<Long, ? extends Collection<Long>> audiencesOf(Collection<Long> userIds) {
        Map<Long, Collection<Long>> audiences = new HashMap<>();
        for (long userId : userIds) {
            audiences.put(userId, audienceOf(userId));
        }
        return audiences;
    }
}
