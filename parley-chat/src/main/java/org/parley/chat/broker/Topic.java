package org.parley.chat.broker;

/**
 * Where an event is published: to every session of one user, of one room's members, to the room
 * directory (every native session; staff sessions listen to a second directory that also carries the
 * staff-only rooms), or to every node whether it holds sockets or not ({@link #everyNode()}).
 *
 * @param kind what the id names
 * @param id the user's or room's id
 */
public record Topic(Kind kind, long id) {

    public enum Kind {
        USER,
        ROOM,
        DIRECTORY,
        NODE
    }

    public static Topic user(long userId) {
        return new Topic(Kind.USER, userId);
    }

    public static Topic room(long roomId) {
        return new Topic(Kind.ROOM, roomId);
    }

    /**
     * The room list as non-staff ({@code staff = false}) or staff see it. Each native session listens to
     * exactly one of the two, so an event about a public room goes to both and is still received once.
     */
    public static Topic roomDirectory(boolean staff) {
        return new Topic(Kind.DIRECTORY, staff ? 1 : 0);
    }

    /**
     * Every node listens here for its whole life, with or without sockets: for what every node must know,
     * such as a user whose cached details are out of date. No socket subscribes to it.
     */
    public static Topic everyNode() {
        return new Topic(Kind.NODE, 0);
    }

    /** A short stable name, e.g. {@code user:42}, used as a channel name by remote brokers. */
    public String channel() {
        return kind.name().toLowerCase() + ":" + id;
    }
}
