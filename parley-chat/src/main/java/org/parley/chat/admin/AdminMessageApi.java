package org.parley.chat.admin;

import org.parley.chat.api.ParleyApi;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin API: every message with filters; soft-delete and restore (audited, told live). Staff only. */
@RestController
@ParleyApi
@RequestMapping("/api/admin/messages")
public class AdminMessageApi {

    private final AdminMessages messages;
    private final MessageModeration moderation;
    private final ParleyProperties properties;

    public AdminMessageApi(AdminMessages messages, MessageModeration moderation, ParleyProperties properties) {
        this.messages = messages;
        this.moderation = moderation;
        this.properties = properties;
    }

    /**
     * Messages newest first, paged by id ({@code before} = the page's {@code olderCursor}, {@code after} =
     * its {@code newerCursor}).
     *
     * @param dialog only this dialog's messages
     * @param room only this room's messages
     * @param removed {@code true} for removed messages only, {@code false} for visible ones only
     * @param q text the message contains (case-insensitive)
     */
    @GetMapping
    public KeysetPage<AdminMessage> list(
            @RequestParam(required = false) Long dialog,
            @RequestParam(required = false) Long room,
            @RequestParam(required = false) String sender,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String removed,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) Long after,
            @RequestParam(required = false) Integer size) {
        MessageFilter filter = AdminFilters.messages(dialog, room, sender, from, to, removed, q, properties.zone());
        return messages.list(filter, before, after, AdminFilters.size(size, properties.admin()));
    }

    @GetMapping("/{id}")
    public AdminMessage show(@PathVariable long id) {
        return messages.require(id);
    }

    /** Soft-deletes a message (it disappears from open pages); removing a removed message changes nothing. */
    @PostMapping("/{id}/remove")
    public AdminMessage remove(@RequestAttribute(StaffGuard.STAFF) ChatUser staff, @PathVariable long id) {
        moderation.remove(staff, id);
        return messages.require(id);
    }

    /** Shows a removed message again. */
    @PostMapping("/{id}/restore")
    public AdminMessage restore(@RequestAttribute(StaffGuard.STAFF) ChatUser staff, @PathVariable long id) {
        moderation.restore(staff, id);
        return messages.require(id);
    }
}
