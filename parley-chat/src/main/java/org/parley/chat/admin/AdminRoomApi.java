package org.parley.chat.admin;

import org.parley.chat.api.ParleyApi;
import org.parley.chat.room.Room;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin API for rooms: the same operations as the room admin pages, as JSON. Staff only. */
@RestController
@ParleyApi
@RequestMapping("/api/admin/rooms")
public class AdminRoomApi {

    private final AdminRooms rooms;
    private final RoomAdministration administration;
    private final ParleyProperties properties;

    public AdminRoomApi(AdminRooms rooms, RoomAdministration administration, ParleyProperties properties) {
        this.rooms = rooms;
        this.administration = administration;
        this.properties = properties;
    }

    /**
     * The body of {@code POST /api/admin/rooms}.
     *
     * @param slug the room's address; null or blank for one made from the title
     */
    public record NewRoom(String title, String slug, Boolean staffOnly) {}

    /** The body of {@code POST /api/admin/rooms/{id}/rename}. */
    public record NewTitle(String title) {}

    /** Rooms whose title contains {@code q}, by title, staff-only ones included. */
    @GetMapping
    public OffsetPage<AdminRoom> list(
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) Integer size) {
        return rooms.list(q, Math.max(0, page), AdminFilters.size(size, properties.admin()));
    }

    /** Creates a room; it appears at once in every open room list that may show it. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public AdminRoom create(@RequestAttribute(StaffGuard.STAFF) ChatUser staff, @RequestBody NewRoom body) {
        Room room = administration.create(staff, body.title(), body.slug(), Boolean.TRUE.equals(body.staffOnly()));
        return rooms.require(room.id());
    }

    @GetMapping("/{id}")
    public AdminRoom show(@PathVariable long id) {
        return rooms.require(id);
    }

    /** The room's members by username, each with whether they are online now. */
    @GetMapping("/{id}/members")
    public OffsetPage<AdminRoomMember> members(
            @PathVariable long id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) Integer size) {
        rooms.require(id);
        return rooms.members(id, Math.max(0, page), AdminFilters.size(size, properties.admin()));
    }

    @PostMapping("/{id}/rename")
    public AdminRoom rename(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff, @PathVariable long id, @RequestBody NewTitle body) {
        administration.rename(staff, id, body.title());
        return rooms.require(id);
    }

    /** Makes the room staff-only: non-staff members leave it and no longer see it. */
    @PostMapping("/{id}/staff-only")
    public AdminRoom makeStaffOnly(@RequestAttribute(StaffGuard.STAFF) ChatUser staff, @PathVariable long id) {
        administration.setStaffOnly(staff, id, true);
        return rooms.require(id);
    }

    @DeleteMapping("/{id}/staff-only")
    public AdminRoom openToEveryone(@RequestAttribute(StaffGuard.STAFF) ChatUser staff, @PathVariable long id) {
        administration.setStaffOnly(staff, id, false);
        return rooms.require(id);
    }

    /** Deletes the room: members are told at once, its messages are kept for the record. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@RequestAttribute(StaffGuard.STAFF) ChatUser staff, @PathVariable long id) {
        rooms.require(id);
        administration.delete(staff, id);
    }
}
