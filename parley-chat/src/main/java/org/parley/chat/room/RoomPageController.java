package org.parley.chat.room;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ClientStrings;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The rooms page: the room list (live), and a pane for each room the user is in, any number at once.
 * {@code /rooms/{slug}} is the same page with that room opened (joined if the user was not in it yet).
 * The page's script (static/parley/js/rooms-page.js) does the rest over the native socket.
 */
@Controller
public class RoomPageController {

    /** Strings the rooms page's JavaScript shows; rendered into the page from the message source. */
    public static final List<String> CLIENT_KEYS = clientKeys();

    private final ChatUserDirectory users;
    private final RoomService rooms;
    private final ParleyProperties properties;
    private final RoomProperties settings;
    private final ClientStrings strings;

    public RoomPageController(
            ChatUserDirectory users,
            RoomService rooms,
            ParleyProperties properties,
            RoomProperties settings,
            ClientStrings strings) {
        this.users = users;
        this.rooms = rooms;
        this.properties = properties;
        this.settings = settings;
        this.strings = strings;
    }

    @GetMapping({"/rooms", "/rooms/"})
    public String index(Principal principal, Model model, Locale locale) {
        ChatUser me = me(principal);
        addPage(model, me, null, locale);
        return "parley/room/index";
    }

    @GetMapping("/rooms/{slug}")
    public String show(
            Principal principal, @PathVariable String slug, Model model, Locale locale, HttpServletResponse response) {
        ChatUser me = me(principal);
        Room room;
        try {
            room = rooms.requireVisible(me, slug);
        } catch (ChatException hiddenOrMissing) {
            // A staff-only room's address answers exactly like an unknown one.
            model.addAttribute("me", me);
            model.addAttribute("slug", slug);
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "parley/room/not-found";
        }
        addPage(model, me, room, locale);
        return "parley/room/index";
    }

    /**
     * The Channels multichat tutorial's page, ported (templates/parley/room/multichat.html and
     * static/parley/js/multichat.js): its original script on Parley's {@code /chat/stream/} socket.
     */
    @GetMapping({"/multichat", "/multichat/"})
    public String multichat(Principal principal, Model model) {
        ChatUser me = me(principal);
        model.addAttribute("me", me);
        model.addAttribute("rooms", rooms.roomsFor(me));
        model.addAttribute("adminPath", settings.adminPath());
        model.addAttribute("multichatPath", settings.multichatPath());
        return "parley/room/multichat";
    }

    private void addPage(Model model, ChatUser me, Room open, Locale locale) {
        model.addAttribute("me", me);
        model.addAttribute("rooms", rooms.roomsFor(me));
        model.addAttribute("memberOf", new HashSet<>(rooms.roomIdsOf(me)));
        model.addAttribute("open", open);
        model.addAttribute("adminPath", settings.adminPath());
        model.addAttribute("wsPath", properties.websocket().path());
        model.addAttribute("maxLength", properties.messages().maxLength());
        model.addAttribute("strings", strings.json(CLIENT_KEYS, locale));
    }

    private ChatUser me(Principal principal) {
        if (principal == null) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
        }
        return users.findByUsername(principal.getName())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    private static List<String> clientKeys() {
        List<String> keys = new ArrayList<>(List.of(
                "parley.rooms.join",
                "parley.rooms.leave",
                "parley.rooms.staffOnly",
                "parley.rooms.entered",
                "parley.rooms.left",
                "parley.rooms.cameOnline",
                "parley.rooms.wentOffline",
                "parley.rooms.notice.level1",
                "parley.rooms.notice.level2",
                "parley.rooms.notice.level3",
                "parley.rooms.removedFromRoom",
                "parley.rooms.deleted",
                "parley.message.sending",
                "parley.message.failed",
                "parley.message.retry",
                "parley.connection.reconnecting",
                "parley.connection.degraded",
                "parley.error.unknown"));
        for (ErrorCode code : ErrorCode.values()) {
            keys.add(code.messageKey());
        }
        return List.copyOf(keys);
    }
}
