package org.parley.server.admin;

import jakarta.servlet.http.HttpServletRequest;
import org.parley.chat.admin.AdminLinks;
import org.parley.chat.admin.AdminPage;
import org.parley.chat.admin.StaffGuard;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.support.InvalidInputException;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUser;
import org.parley.server.token.IssuedToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The user admin pages: list and search, create, and one user's page with the staff, active, password and
 * API-token forms. Staff only (the security rule and the chat's {@link StaffGuard}); every form carries the
 * CSRF token and every change is audited by {@link UserAdministration}.
 */
@Controller
@AdminPage
public class UserAdminPageController {

    private final UserAdministration users;
    private final ChatClock clock;
    private final ParleyProperties properties;

    public UserAdminPageController(UserAdministration users, ChatClock clock, ParleyProperties properties) {
        this.users = users;
        this.clock = clock;
        this.properties = properties;
    }

    @GetMapping({"/admin/users", "/admin/users/"})
    public String list(
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            Model model) {
        var result = users.list(q, Math.max(0, page), properties.admin().pageSize());
        model.addAttribute("query", q);
        model.addAttribute("page", result);
        model.addAttribute(
                "previousUrl", result.hasPrevious() ? AdminLinks.with(request, "page", result.page() - 1) : null);
        model.addAttribute("nextUrl", result.hasNext() ? AdminLinks.with(request, "page", result.page() + 1) : null);
        return "admin/users";
    }

    @GetMapping("/admin/users/new")
    public String newUser(Model model) {
        model.addAttribute("newUser", new UserForms.NewUser());
        return "admin/user-new";
    }

    @PostMapping({"/admin/users", "/admin/users/"})
    public String create(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff,
            @ModelAttribute("newUser") UserForms.NewUser form,
            BindingResult errors,
            RedirectAttributes redirect) {
        AdminUser created;
        try {
            created = users.create(staff, form.getUsername(), form.getPassword(), form.isStaff());
        } catch (InvalidInputException e) {
            e.fieldErrors().forEach(errors::rejectValue);
            return "admin/user-new";
        }
        redirect.addFlashAttribute("notice", "admin.users.created");
        redirect.addFlashAttribute("noticeArg", created.username());
        return "redirect:/admin/users/" + created.id();
    }

    @GetMapping("/admin/users/{id}")
    public String show(@PathVariable long id, Model model) {
        return detail(id, model);
    }

    @PostMapping("/admin/users/{id}/staff")
    public String staff(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff,
            @PathVariable long id,
            @RequestParam boolean value,
            RedirectAttributes redirect) {
        return refusedOnSelf(id, redirect, () -> {
            var user = users.setStaff(staff, id, value);
            notice(redirect, value ? "admin.users.staffSet" : "admin.users.staffUnset", user.username());
        });
    }

    @PostMapping("/admin/users/{id}/active")
    public String active(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff,
            @PathVariable long id,
            @RequestParam boolean value,
            RedirectAttributes redirect) {
        return refusedOnSelf(id, redirect, () -> {
            var user = users.setActive(staff, id, value);
            notice(redirect, value ? "admin.users.activated" : "admin.users.deactivated", user.username());
        });
    }

    @PostMapping("/admin/users/{id}/mute")
    public String mute(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff,
            @PathVariable long id,
            @RequestParam boolean value,
            RedirectAttributes redirect) {
        var user = users.setMuted(staff, id, value);
        notice(redirect, value ? "admin.users.mutedNotice" : "admin.users.unmutedNotice", user.username());
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/password")
    public String password(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff,
            @PathVariable long id,
            @ModelAttribute("passwordForm") UserForms.Password form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        try {
            users.resetPassword(staff, id, form.getPassword());
        } catch (InvalidInputException e) {
            e.fieldErrors().forEach(errors::rejectValue);
            return detail(id, model);
        }
        notice(redirect, "admin.users.passwordReset", users.require(id).username());
        return "redirect:/admin/users/" + id;
    }

    /** Shows the new token on the page itself (not through a redirect), so its secret never sits in a session. */
    @PostMapping("/admin/users/{id}/tokens")
    public String createToken(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff,
            @PathVariable long id,
            @ModelAttribute("tokenForm") UserForms.Token form,
            BindingResult errors,
            Model model) {
        try {
            IssuedToken issued = users.createToken(staff, id, form.getName());
            model.addAttribute("issuedToken", issued);
            model.addAttribute("tokenForm", new UserForms.Token());
        } catch (InvalidInputException e) {
            e.fieldErrors().forEach(errors::rejectValue);
        }
        return detail(id, model);
    }

    @PostMapping("/admin/users/{id}/tokens/{tokenId}/revoke")
    public String revokeToken(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff,
            @PathVariable long id,
            @PathVariable long tokenId,
            RedirectAttributes redirect) {
        users.revokeToken(staff, id, tokenId);
        notice(redirect, "admin.users.tokenRevoked", tokenId);
        return "redirect:/admin/users/" + id;
    }

    private String detail(long id, Model model) {
        model.addAttribute("user", users.require(id));
        model.addAttribute("tokens", users.tokens(id));
        model.addAttribute("clock", clock);
        if (!model.containsAttribute("passwordForm")) {
            model.addAttribute("passwordForm", new UserForms.Password());
        }
        if (!model.containsAttribute("tokenForm")) {
            model.addAttribute("tokenForm", new UserForms.Token());
        }
        return "admin/user";
    }

    private String refusedOnSelf(long id, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
        } catch (ChatException e) {
            if (e.code() != ErrorCode.NOT_ALLOWED_ON_SELF) {
                throw e;
            }
            redirect.addFlashAttribute("problem", "parley.error.not-allowed-on-self");
        }
        return "redirect:/admin/users/" + id;
    }

    private static void notice(RedirectAttributes redirect, String key, Object arg) {
        redirect.addFlashAttribute("notice", key);
        redirect.addFlashAttribute("noticeArg", arg);
    }
}
