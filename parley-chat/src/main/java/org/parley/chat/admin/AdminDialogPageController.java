package org.parley.chat.admin;

import jakarta.servlet.http.HttpServletRequest;
import org.parley.chat.support.InvalidInputException;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleyProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Admin pages: the dialog list with its filters, and one dialog with all its messages (removed ones too). */
@Controller
@AdminPage
public class AdminDialogPageController {

    private final AdminDialogs dialogs;
    private final AdminMessages messages;
    private final ChatClock clock;
    private final ParleyProperties properties;

    public AdminDialogPageController(
            AdminDialogs dialogs, AdminMessages messages, ChatClock clock, ParleyProperties properties) {
        this.dialogs = dialogs;
        this.messages = messages;
        this.clock = clock;
        this.properties = properties;
    }

    @GetMapping({"/admin/dialogs", "/admin/dialogs/"})
    public String list(
            @RequestParam(required = false) String participant,
            @RequestParam(required = false) String createdFrom,
            @RequestParam(required = false) String createdTo,
            @RequestParam(required = false) String modifiedFrom,
            @RequestParam(required = false) String modifiedTo,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("clock", clock);
        model.addAttribute("participant", participant);
        model.addAttribute("createdFrom", createdFrom);
        model.addAttribute("createdTo", createdTo);
        model.addAttribute("modifiedFrom", modifiedFrom);
        model.addAttribute("modifiedTo", modifiedTo);
        DialogFilter filter;
        try {
            filter = AdminFilters.dialogs(
                    participant, createdFrom, createdTo, modifiedFrom, modifiedTo, properties.zone());
        } catch (InvalidInputException e) {
            model.addAttribute("fieldErrors", e.fieldErrors());
            model.addAttribute("page", new OffsetPage<AdminDialog>(java.util.List.of(), 0, 0, false));
            return "parley/admin/dialogs";
        }
        var result = dialogs.list(filter, Math.max(0, page), properties.admin().pageSize());
        model.addAttribute("page", result);
        model.addAttribute("fieldErrors", java.util.Map.of());
        model.addAttribute(
                "previousUrl", result.hasPrevious() ? AdminLinks.with(request, "page", result.page() - 1) : null);
        model.addAttribute("nextUrl", result.hasNext() ? AdminLinks.with(request, "page", result.page() + 1) : null);
        return "parley/admin/dialogs";
    }

    @GetMapping("/admin/dialogs/{id}")
    public String show(
            @PathVariable long id,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) Long after,
            HttpServletRequest request,
            Model model) {
        AdminDialog dialog = dialogs.require(id);
        var page = messages.list(
                MessageFilter.ofDialog(id), before, after, properties.admin().pageSize());
        model.addAttribute("dialog", dialog);
        model.addAttribute("clock", clock);
        AdminMessagePageController.addMessagePage(model, page, request);
        return "parley/admin/dialog";
    }
}
