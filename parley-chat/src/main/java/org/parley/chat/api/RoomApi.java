package org.parley.chat.api;

import java.security.Principal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.parley.chat.message.MessageService;
import org.parley.chat.message.RoomMessage;
import org.parley.chat.room.RoomService;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rooms the caller may see and the messages of those they joined, read-only. Staff-only rooms do not
 * exist for non-staff (404 {@code room-not-found}, as for a room that does not exist); a visible room not
 * joined is 403 {@code room-access-denied}, as on the socket.
 */
@RestController
@ParleyApi
@RequestMapping("/api/rooms")
public class RoomApi {

    private final ChatUserDirectory users;
    private final RoomService rooms;
    private final MessageService messages;
    private final ParleyProperties.Messages settings;

    public RoomApi(ChatUserDirectory users, RoomService rooms, MessageService messages, ParleyProperties properties) {
        this.users = users;
        this.rooms = rooms;
        this.messages = messages;
        this.settings = properties.messages();
    }

    /**
     * A room in the caller's room list.
     *
     * @param member whether the caller has joined it
     */
    public record RoomEntry(long id, String title, String slug, boolean staffOnly, boolean member) {}

    /** The rooms the caller may see, by title. */
    @GetMapping
    public List<RoomEntry> list(Principal principal) {
        ChatUser me = ApiUser.of(principal, users);
        Set<Long> joined = new HashSet<>(rooms.roomIdsOf(me));
        return rooms.roomsFor(me).stream()
                .map(r -> new RoomEntry(r.id(), r.title(), r.slug(), r.staffOnly(), joined.contains(r.id())))
                .toList();
    }

    /** A joined room's messages, newest first, paged by message id ({@code before} or {@code after}). */
    @GetMapping("/{id}/messages")
    public MessageList<RoomMessage> messages(
            Principal principal,
            @PathVariable long id,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) Long after,
            @RequestParam(required = false) Integer limit) {
        if (before != null && after != null) {
            throw new ChatException(ErrorCode.INVALID_INPUT, "Give 'before' or 'after', not both.");
        }
        int size = limit == null ? settings.pageSize() : Math.max(1, Math.min(limit, settings.maxPageSize()));
        return MessageList.of(messages.roomHistory(ApiUser.of(principal, users), id, before, after, size));
    }
}
