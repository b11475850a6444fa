package org.parley.chat.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.parley.chat.room.Room;
import org.parley.chat.support.InvalidInputException;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin pages for rooms: the list with the create form, and one room with its members (who is online) and
 * the rename, staff-only and delete forms. Invalid input re-renders the form with its field errors.
 */
@Controller
@AdminPage
public class AdminRoomPageController {

    private final AdminRooms rooms;
    private final RoomAdministration administration;
    private final ChatClock clock;
    private final ParleyProperties properties;

    public AdminRoomPageController(
            AdminRooms rooms, RoomAdministration administration, ChatClock clock, ParleyProperties properties) {
        this.rooms = rooms;
        this.administration = administration;
        this.clock = clock;
        this.properties = properties;
    }

    @GetMapping({"/admin/rooms", "/admin/rooms/"})
    public String list(
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("form", Map.of("title", "", "slug", "", "staffOnly", false));
        model.addAttribute("fieldErrors", Map.of());
        return list(q, page, request, model, HttpStatus.OK);
    }

    @PostMapping({"/admin/rooms", "/admin/rooms/"})
    public String create(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String slug,
            @RequestParam(defaultValue = "false") boolean staffOnly,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        try {
            Room room = administration.create(staff, title, slug, staffOnly);
            redirect.addFlashAttribute("notice", "parley.admin.rooms.createdNotice");
            redirect.addFlashAttribute("noticeArg", room.title());
            return "redirect:/admin/rooms/" + room.id();
        } catch (InvalidInputException e) {
            model.addAttribute("form", Map.of("title", title, "slug", slug, "staffOnly", staffOnly));
            model.addAttribute("fieldErrors", e.fieldErrors());
            return list(null, 0, request, model, HttpStatus.OK);
        }
    }

    @GetMapping("/admin/rooms/{id}")
    public String show(
            @PathVariable long id,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            Model model) {
        AdminRoom room = rooms.require(id);
        if (!model.containsAttribute("renameTitle")) {
            model.addAttribute("renameTitle", room.title());
        }
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", Map.of());
        }
        var members = rooms.members(id, Math.max(0, page), properties.admin().pageSize());
        model.addAttribute("room", room);
        model.addAttribute("members", members);
        model.addAttribute("clock", clock);
        model.addAttribute(
                "previousUrl", members.hasPrevious() ? AdminLinks.with(request, "page", members.page() - 1) : null);
        model.addAttribute("nextUrl", members.hasNext() ? AdminLinks.with(request, "page", members.page() + 1) : null);
        return "parley/admin/room";
    }

    @PostMapping("/admin/rooms/{id}/rename")
    public String rename(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String title,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        try {
            Room room = administration.rename(staff, id, title);
            redirect.addFlashAttribute("notice", "parley.admin.rooms.renamed");
            redirect.addFlashAttribute("noticeArg", room.title());
            return "redirect:/admin/rooms/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("renameTitle", title);
            model.addAttribute("fieldErrors", e.fieldErrors());
            return show(id, 0, request, model);
        }
    }

    @PostMapping("/admin/rooms/{id}/staff-only")
    public String staffOnly(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff,
            @PathVariable long id,
            @RequestParam boolean value,
            RedirectAttributes redirect) {
        Room room = administration.setStaffOnly(staff, id, value);
        redirect.addFlashAttribute(
                "notice", value ? "parley.admin.rooms.staffOnlySet" : "parley.admin.rooms.staffOnlyUnset");
        redirect.addFlashAttribute("noticeArg", room.title());
        return "redirect:/admin/rooms/" + id;
    }

    @PostMapping("/admin/rooms/{id}/delete")
    public String delete(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff, @PathVariable long id, RedirectAttributes redirect) {
        AdminRoom room = rooms.require(id);
        administration.delete(staff, id);
        redirect.addFlashAttribute("notice", "parley.admin.rooms.deleted");
        redirect.addFlashAttribute("noticeArg", room.title());
        return "redirect:/admin/rooms";
    }

    private String list(String q, int page, HttpServletRequest request, Model model, HttpStatus status) {
        var result = rooms.list(q, Math.max(0, page), properties.admin().pageSize());
        model.addAttribute("query", q);
        model.addAttribute("page", result);
        model.addAttribute("clock", clock);
        model.addAttribute(
                "previousUrl", result.hasPrevious() ? AdminLinks.with(request, "page", result.page() - 1) : null);
        model.addAttribute("nextUrl", result.hasNext() ? AdminLinks.with(request, "page", result.page() + 1) : null);
        return "parley/admin/rooms";
    }
}
