package org.parley.chat.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleyProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admin page: the audit log, newest first, by actor and action. */
@Controller
@AdminPage
public class AdminAuditPageController {

    private final AuditLog audit;
    private final ChatClock clock;
    private final ParleyProperties properties;

    public AdminAuditPageController(AuditLog audit, ChatClock clock, ParleyProperties properties) {
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    @GetMapping({"/admin/audit", "/admin/audit/"})
    public String list(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) Long after,
            HttpServletRequest request,
            Model model) {
        var page = audit.page(actor, action, before, after, properties.admin().pageSize());
        model.addAttribute("entries", page);
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute(
                "actions",
                Arrays.stream(AdminAction.values()).map(AdminAction::code).toList());
        model.addAttribute("clock", clock);
        model.addAttribute("olderUrl", AdminLinks.with(request, "before", page.olderCursor(), "after"));
        model.addAttribute("newerUrl", AdminLinks.with(request, "after", page.newerCursor(), "before"));
        return "parley/admin/audit";
    }
}
