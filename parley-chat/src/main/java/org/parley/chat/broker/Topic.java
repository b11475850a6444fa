package org.parley.chat.broker;

/**
 * Where an event is published: to every session of one user, or of one room's members.
 *
 * @param kind what the id names
 * @param id the user's or room's id
 */
public record Topic(Kind kind, long id) {

    public enum Kind {
        USER,
        ROOM
    }

    public static Topic user(long userId) {
        return new Topic(Kind.USER, userId);
    }

    public static Topic room(long roomId) {
        return new Topic(Kind.ROOM, roomId);
    }

    /** A short stable name, e.g. {@code user:42}, used as a channel name by remote brokers. */
    public String channel() {
        return kind.name().toLowerCase() + ":" + id;
    }
}
