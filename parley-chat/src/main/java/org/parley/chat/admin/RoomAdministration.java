package org.parley.chat.admin;

import java.util.Map;
import org.parley.chat.room.Room;
import org.parley.chat.room.RoomService;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.support.InvalidInputException;
import org.parley.chat.user.ChatUser;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff actions on rooms: each goes through {@link RoomService} (which checks the actor is staff and tells
 * members and open room lists after the commit) and writes its audit entry in the same transaction. An
 * invalid title or address comes back as an {@link InvalidInputException} naming the field.
 */
public class RoomAdministration {

    private final RoomService rooms;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    public RoomAdministration(RoomService rooms, AuditLog audit, TransactionTemplate tx) {
        this.rooms = rooms;
        this.audit = audit;
        this.tx = tx;
    }

    /** @param slug the room's address, or blank for one made from the title */
    public Room create(ChatUser staff, String title, String slug, boolean staffOnly) {
        return fieldErrors(() -> tx.execute(status -> {
            Room room = rooms.create(staff, title, slug, staffOnly);
            audit.record(staff, AdminAction.ROOM_CREATED, "room", room.id(), room.title());
            return room;
        }));
    }

    public Room rename(ChatUser staff, long roomId, String title) {
        return fieldErrors(() -> tx.execute(status -> {
            Room before = rooms.requireVisible(staff, roomId);
            Room room = rooms.rename(staff, roomId, title);
            audit.record(staff, AdminAction.ROOM_RENAMED, "room", roomId, before.title() + " \u2192 " + room.title());
            return room;
        }));
    }

    /** Non-staff members of a room made staff-only stop being members; non-staff see it disappear. */
    public Room setStaffOnly(ChatUser staff, long roomId, boolean staffOnly) {
        return tx.execute(status -> {
            Room before = rooms.requireVisible(staff, roomId);
            Room room = rooms.setStaffOnly(staff, roomId, staffOnly);
            if (before.staffOnly() != staffOnly) {
                audit.record(
                        staff,
                        staffOnly ? AdminAction.ROOM_STAFF_ONLY_SET : AdminAction.ROOM_STAFF_ONLY_UNSET,
                        "room",
                        roomId,
                        room.title());
            }
            return room;
        });
    }

    /** Members are told at once and the room disappears from every open room list; its messages stay. */
    public void delete(ChatUser staff, long roomId) {
        tx.executeWithoutResult(status -> {
            Room room = rooms.requireVisible(staff, roomId);
            rooms.delete(staff, roomId);
            audit.record(staff, AdminAction.ROOM_DELETED, "room", roomId, room.title());
        });
    }

    private static Room fieldErrors(java.util.function.Supplier<Room> action) {
        try {
            return action.get();
        } catch (ChatException e) {
            if (e.code() == ErrorCode.TITLE_INVALID) {
                throw new InvalidInputException(Map.of("title", "parley.error.title-invalid"));
            }
            if (e.code() == ErrorCode.SLUG_INVALID) {
                throw new InvalidInputException(Map.of("slug", "parley.error.slug-invalid"));
            }
            throw e;
        }
    }
}
