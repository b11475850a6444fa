package org.parley.chat.room;

import java.time.Instant;
import org.parley.chat.user.ChatUser;

/**
 * A chat room.
 *
 * @param slug the room's name in URLs ({@code /rooms/{slug}}), unique among rooms that are not deleted
 * @param staffOnly only staff may join it, read it or learn its title
 */
public record Room(long id, String title, String slug, boolean staffOnly, Instant created) {

    public boolean visibleTo(ChatUser user) {
        return !staffOnly || user.staff();
    }
}
