package org.parley.chat.dialog;

import java.security.Principal;
import java.util.List;
import org.parley.chat.message.MessagePage;
import org.parley.chat.message.MessageService;
import org.parley.chat.presence.PresenceService;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The dialog pages: the list of a user's dialogs, and one dialog. */
@Controller
public class DialogPageController {

    private static final int SEARCH_LIMIT = 20;

    private final ChatUserDirectory users;
    private final DialogService dialogs;
    private final MessageService messages;
    private final PresenceService presence;
    private final ChatClock clock;
    private final ParleyProperties properties;

    public DialogPageController(
            ChatUserDirectory users,
            DialogService dialogs,
            MessageService messages,
            PresenceService presence,
            ChatClock clock,
            ParleyProperties properties) {
        this.users = users;
        this.dialogs = dialogs;
        this.messages = messages;
        this.presence = presence;
        this.clock = clock;
        this.properties = properties;
    }

    @GetMapping({"/dialogs", "/dialogs/"})
    public String list(Principal principal, @RequestParam(name = "q", required = false) String query, Model model) {
        ChatUser me = me(principal);
        addCommon(model, me);
        if (query != null && !query.isBlank()) {
            List<ChatUser> found = users.search(query.trim(), SEARCH_LIMIT).stream()
                    .filter(u -> u.id() != me.id())
                    .toList();
            model.addAttribute("query", query.trim());
            model.addAttribute("found", found);
        }
        return "parley/dialog/list";
    }

    @GetMapping("/dialogs/{username}")
    public String show(Principal principal, @PathVariable String username, Model model) {
        ChatUser me = me(principal);
        ChatUser other = users.findByUsername(username).orElse(null);
        if (other == null) {
            model.addAttribute("username", username);
            throw new UserNotFound(username);
        }
        if (other.id() == me.id()) {
            return "redirect:/dialogs/";
        }
        Dialog dialog = dialogs.getOrCreate(me, other);
        MessagePage page = messages.history(me, dialog.id(), null, null, null);
        addCommon(model, me);
        model.addAttribute("dialog", dialog);
        model.addAttribute("opponent", other);
        model.addAttribute("opponentOnline", presence.isOnline(other.id()));
        model.addAttribute("page", page);
        return "parley/dialog/show";
    }

    private void addCommon(Model model, ChatUser me) {
        List<DialogSummary> summaries = dialogs.dialogsOf(me);
        var online = presence.onlineAmong(
                summaries.stream().map(DialogSummary::otherUserId).toList());
        model.addAttribute("me", me);
        model.addAttribute("dialogs", summaries);
        model.addAttribute("online", online);
        model.addAttribute("clock", clock);
        model.addAttribute("wsPath", properties.websocket().path());
        model.addAttribute("pageSize", properties.messages().pageSize());
    }

    private ChatUser me(Principal principal) {
        if (principal == null) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
        }
        return users.findByUsername(principal.getName())
                .orElseThrow(() -> new ChatException(ErrorCode.USER_NOT_FOUND, "Unknown user."));
    }

    /** An unknown username in a dialog URL: rendered as the "user not found" page with status 404. */
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.NOT_FOUND)
    static class UserNotFound extends RuntimeException {
        final String username;

        UserNotFound(String username) {
            super(null, null, false, false);
            this.username = username;
        }
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(UserNotFound.class)
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.NOT_FOUND)
    public String userNotFound(UserNotFound e, Model model) {
        model.addAttribute("username", e.username);
        return "parley/dialog/user-not-found";
    }
}
