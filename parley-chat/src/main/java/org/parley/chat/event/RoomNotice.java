package org.parley.chat.event;

/**
 * A system notice in a room: level 1 warning, 2 alert (posted by staff), 3 muted. Not stored.
 *
 * @param username who the notice is from or about
 */
public record RoomNotice(long roomId, int level, String username, String text) implements ChatEvent {

    public static final int WARNING = 1;
    public static final int ALERT = 2;
    public static final int MUTED = 3;
}
