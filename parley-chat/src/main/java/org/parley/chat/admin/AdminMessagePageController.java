package org.parley.chat.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.parley.chat.support.InvalidInputException;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin pages: every message with filters, and the soft-delete and restore forms. */
@Controller
@AdminPage
public class AdminMessagePageController {

    private final AdminMessages messages;
    private final MessageModeration moderation;
    private final ChatClock clock;
    private final ParleyProperties properties;

    public AdminMessagePageController(
            AdminMessages messages, MessageModeration moderation, ChatClock clock, ParleyProperties properties) {
        this.messages = messages;
        this.moderation = moderation;
        this.clock = clock;
        this.properties = properties;
    }

    @GetMapping({"/admin/messages", "/admin/messages/"})
    public String list(
            @RequestParam(required = false) Long dialog,
            @RequestParam(required = false) Long room,
            @RequestParam(required = false) String sender,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String removed,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) Long after,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("clock", clock);
        model.addAttribute(
                "filter",
                Map.of(
                        "dialog",
                        dialog == null ? "" : dialog,
                        "room",
                        room == null ? "" : room,
                        "sender",
                        nz(sender),
                        "from",
                        nz(from),
                        "to",
                        nz(to),
                        "removed",
                        nz(removed),
                        "q",
                        nz(q)));
        MessageFilter filter;
        try {
            filter = AdminFilters.messages(dialog, room, sender, from, to, removed, q, properties.zone());
        } catch (InvalidInputException e) {
            model.addAttribute("fieldErrors", e.fieldErrors());
            addMessagePage(model, new KeysetPage<>(List.of(), null, null), request);
            return "parley/admin/messages";
        }
        model.addAttribute("fieldErrors", Map.of());
        addMessagePage(
                model, messages.list(filter, before, after, properties.admin().pageSize()), request);
        return "parley/admin/messages";
    }

    @PostMapping("/admin/messages/{id}/remove")
    public String remove(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff,
            @PathVariable long id,
            @RequestParam(required = false) String back,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        boolean changed = moderation.remove(staff, id);
        redirect.addFlashAttribute("notice", changed ? "parley.admin.messages.removed" : "parley.admin.unchanged");
        redirect.addFlashAttribute("noticeArg", id);
        return AdminLinks.redirectBack(request, back, "/admin/messages");
    }

    @PostMapping("/admin/messages/{id}/restore")
    public String restore(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff,
            @PathVariable long id,
            @RequestParam(required = false) String back,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        boolean changed = moderation.restore(staff, id);
        redirect.addFlashAttribute("notice", changed ? "parley.admin.messages.restored" : "parley.admin.unchanged");
        redirect.addFlashAttribute("noticeArg", id);
        return AdminLinks.redirectBack(request, back, "/admin/messages");
    }

    /** The message table shared by this page and the dialog page: rows, cursors and the "back" target. */
    static void addMessagePage(Model model, KeysetPage<AdminMessage> page, HttpServletRequest request) {
        model.addAttribute("messages", page);
        model.addAttribute("olderUrl", AdminLinks.with(request, "before", page.olderCursor(), "after"));
        model.addAttribute("newerUrl", AdminLinks.with(request, "after", page.newerCursor(), "before"));
        model.addAttribute("back", AdminLinks.current(request));
    }

    private static String nz(String text) {
        return text == null ? "" : text;
    }
}
