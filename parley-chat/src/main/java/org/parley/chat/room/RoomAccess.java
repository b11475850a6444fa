package org.parley.chat.room;

import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.user.ChatUser;

/**
 * The one way to reach a room on behalf of a user. A staff-only room is invisible to non-staff: they get
 * the same {@link ErrorCode#ROOM_NOT_FOUND} as for a room that does not exist. The exception is a
 * {@link HiddenRoom} so that the multichat endpoint, whose original protocol answers a staff-only room with
 * {@code ROOM_ACCESS_DENIED}, can keep that contract; no other caller tells the two apart.
 */
public class RoomAccess {

    private final RoomRepository rooms;

    public RoomAccess(RoomRepository rooms) {
        this.rooms = rooms;
    }

    /** A room the user may see (and join). */
    public Room requireVisible(ChatUser user, long roomId) {
        return visible(user, rooms.findById(roomId).orElseThrow(RoomAccess::notFound));
    }

    /** A room the user may see, by its URL slug. */
    public Room requireVisible(ChatUser user, String slug) {
        return visible(user, rooms.findBySlug(slug).orElseThrow(RoomAccess::notFound));
    }

    /** A room the user is a member of; ROOM_ACCESS_DENIED for a visible room not joined. */
    public Room requireMember(ChatUser user, long roomId) {
        return requireMembership(user, roomId).room();
    }

    /** The user's standing in a room they are a member of, with the muted flag (one query). */
    public RoomRepository.Membership requireMembership(ChatUser user, long roomId) {
        RoomRepository.Membership membership =
                rooms.membership(roomId, user.id()).orElseThrow(RoomAccess::notFound);
        visible(user, membership.room());
        if (!membership.member()) {
            throw new ChatException(ErrorCode.ROOM_ACCESS_DENIED, "You have not joined this room.");
        }
        return membership;
    }

    private static Room visible(ChatUser user, Room room) {
        if (!room.visibleTo(user)) {
            throw new HiddenRoom();
        }
        return room;
    }

    private static ChatException notFound() {
        return new ChatException(ErrorCode.ROOM_NOT_FOUND, "No such room.");
    }

    /** A staff-only room asked for by non-staff: reads exactly like a room that does not exist. */
    public static final class HiddenRoom extends ChatException {
        HiddenRoom() {
            super(ErrorCode.ROOM_NOT_FOUND, "No such room.");
        }
    }
}
