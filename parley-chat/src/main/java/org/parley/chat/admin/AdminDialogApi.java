package org.parley.chat.admin;

import org.parley.chat.api.ParleyApi;
import org.parley.chat.system.ParleyProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin API: dialogs with filters, one dialog, and its messages (removed ones too). Staff only. */
@RestController
@ParleyApi
@RequestMapping("/api/admin/dialogs")
public class AdminDialogApi {

    private final AdminDialogs dialogs;
    private final AdminMessages messages;
    private final ParleyProperties properties;

    public AdminDialogApi(AdminDialogs dialogs, AdminMessages messages, ParleyProperties properties) {
        this.dialogs = dialogs;
        this.messages = messages;
        this.properties = properties;
    }

    /**
     * Dialogs, latest activity first. Dates are {@code yyyy-MM-dd} (whole days in {@code parley.time-zone})
     * or ISO date-times with an offset.
     */
    @GetMapping
    public OffsetPage<AdminDialog> list(
            @RequestParam(required = false) String participant,
            @RequestParam(required = false) String createdFrom,
            @RequestParam(required = false) String createdTo,
            @RequestParam(required = false) String modifiedFrom,
            @RequestParam(required = false) String modifiedTo,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) Integer size) {
        DialogFilter filter =
                AdminFilters.dialogs(participant, createdFrom, createdTo, modifiedFrom, modifiedTo, properties.zone());
        return dialogs.list(filter, Math.max(0, page), AdminFilters.size(size, properties.admin()));
    }

    @GetMapping("/{id}")
    public AdminDialog show(@PathVariable long id) {
        return dialogs.require(id);
    }

    /** The dialog's messages, newest first, paged by id with {@code before} or {@code after}. */
    @GetMapping("/{id}/messages")
    public KeysetPage<AdminMessage> messages(
            @PathVariable long id,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) Long after,
            @RequestParam(required = false) Integer size) {
        dialogs.require(id);
        return messages.list(MessageFilter.ofDialog(id), before, after, AdminFilters.size(size, properties.admin()));
    }
}
