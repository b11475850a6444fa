package org.parley.chat.dialog.web;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parley.chat.dialog.Dialog;
import org.parley.chat.dialog.DialogService;
import org.parley.chat.dialog.DialogSummary;
import org.parley.chat.message.MessagePage;
import org.parley.chat.message.MessageService;
import org.parley.chat.presence.PresenceService;
import org.parley.chat.support.ClientStrings;
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

/**
 * The dialog pages: the list of a user's dialogs, and one dialog with the list beside it. The pages'
 * script (static/parley/js) keeps them live over the native socket; see docs/protocol.md.
 */
@Controller
public class DialogPageController {

    /** Strings the dialog pages' JavaScript shows; rendered into each page from the message source. */
    public static final List<String> CLIENT_KEYS = clientKeys();

    private static final int SEARCH_LIMIT = 20;

    private final ChatUserDirectory users;
    private final DialogService dialogs;
    private final MessageService messages;
    private final PresenceService presence;
    private final ChatClock clock;
    private final ParleyProperties properties;
    private final ClientStrings strings;

    public DialogPageController(
            ChatUserDirectory users,
            DialogService dialogs,
            MessageService messages,
            PresenceService presence,
            ChatClock clock,
            ParleyProperties properties,
            ClientStrings strings) {
        this.users = users;
        this.dialogs = dialogs;
        this.messages = messages;
        this.presence = presence;
        this.clock = clock;
        this.properties = properties;
        this.strings = strings;
    }

    @GetMapping({"/dialogs", "/dialogs/"})
    public String list(
            Principal principal, @RequestParam(name = "q", required = false) String query, Model model, Locale locale) {
        ChatUser me = me(principal);
        addCommon(model, me, locale);
        addSearch(model, me, query);
        return "parley/dialog/list";
    }

    @GetMapping("/dialogs/{username}")
    public String show(
            Principal principal,
            @PathVariable String username,
            @RequestParam(name = "q", required = false) String query,
            Model model,
            Locale locale,
            HttpServletResponse response) {
        ChatUser me = me(principal);
        ChatUser other = users.findByUsername(username).orElse(null);
        if (other == null) {
            model.addAttribute("me", me);
            model.addAttribute("username", username);
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "parley/dialog/user-not-found";
        }
        if (other.id() == me.id()) {
            return "redirect:/dialogs/";
        }
        Dialog dialog = dialogs.getOrCreate(me, other);
        MessagePage page = messages.history(me, dialog.id(), null, null, null);
        // Listed after getOrCreate, so a dialog started just now is in the side bar too.
        addCommon(model, me, locale);
        addSearch(model, me, query);
        model.addAttribute("dialog", dialog);
        model.addAttribute("opponent", other);
        model.addAttribute("opponentOnline", presence.isOnline(other.id()));
        model.addAttribute("page", page);
        return "parley/dialog/show";
    }

    private void addCommon(Model model, ChatUser me, Locale locale) {
        List<DialogSummary> summaries = dialogs.dialogsOf(me);
        var online = presence.onlineAmong(
                summaries.stream().map(DialogSummary::otherUserId).toList());
        model.addAttribute("me", me);
        model.addAttribute("dialogs", summaries);
        model.addAttribute("online", online);
        model.addAttribute("clock", clock);
        model.addAttribute("wsPath", properties.websocket().path());
        model.addAttribute("maxLength", properties.messages().maxLength());
        model.addAttribute("strings", strings.json(CLIENT_KEYS, locale));
    }

    private void addSearch(Model model, ChatUser me, String query) {
        if (query == null || query.isBlank()) {
            return;
        }
        List<ChatUser> found = users.search(query.trim(), SEARCH_LIMIT).stream()
                .filter(u -> u.id() != me.id())
                .toList();
        model.addAttribute("query", query.trim());
        model.addAttribute("found", found);
    }

    private ChatUser me(Principal principal) {
        if (principal == null) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
        }
        // Logged in but unknown to the chat (e.g. deactivated since logging in): not allowed here.
        return users.findByUsername(principal.getName())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    private static List<String> clientKeys() {
        List<String> keys = new ArrayList<>(List.of(
                "parley.presence.online",
                "parley.presence.offline",
                "parley.dialogs.unread",
                "parley.message.sending",
                "parley.message.sent",
                "parley.message.read",
                "parley.message.failed",
                "parley.message.retry",
                "parley.connection.reconnecting",
                "parley.connection.degraded",
                "parley.error.unknown"));
        for (ErrorCode code : ErrorCode.values()) {
            keys.add(errorKey(code));
        }
        return List.copyOf(keys);
    }

    /** The message key of an error code's text for users, e.g. {@code parley.error.rate-limited}. */
    public static String errorKey(ErrorCode code) {
        return code.messageKey();
    }
}
