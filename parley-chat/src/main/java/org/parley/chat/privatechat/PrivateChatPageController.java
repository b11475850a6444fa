package org.parley.chat.privatechat;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import org.parley.chat.dialog.Dialog;
import org.parley.chat.dialog.DialogService;
import org.parley.chat.dialog.DialogSummary;
import org.parley.chat.message.MessageService;
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
import org.springframework.web.util.UriUtils;

/**
 * Parley's port of django-private-chat's dialogs page, with the original's DOM ids and behaviour, on the
 * endpoint it belongs to: {@code /private-chat/dialogs/} (the latest dialog, or an empty state with a way
 * to start one) and {@code /private-chat/dialogs/{username}}. It renders the two values the original
 * template rendered, {@code ws_server_path} and a {@code session_key} (a fresh chat token).
 */
@Controller
public class PrivateChatPageController {

    static final String PATH = "/private-chat/dialogs/";

    private final ChatUserDirectory users;
    private final DialogService dialogs;
    private final MessageService messages;
    private final ChatTokenService tokens;
    private final PrivateChatAddress address;
    private final ChatClock clock;
    private final ParleyProperties properties;

    PrivateChatPageController(
            ChatUserDirectory users,
            DialogService dialogs,
            MessageService messages,
            ChatTokenService tokens,
            PrivateChatAddress address,
            ChatClock clock,
            ParleyProperties properties) {
        this.users = users;
        this.dialogs = dialogs;
        this.messages = messages;
        this.tokens = tokens;
        this.address = address;
        this.clock = clock;
        this.properties = properties;
    }

    @GetMapping({"/private-chat/dialogs", PATH})
    public String list(
            Principal principal,
            @RequestParam(name = "username", required = false) String username,
            HttpServletRequest request,
            Model model) {
        ChatUser me = me(principal);
        if (username != null && !username.isBlank()) {
            return "redirect:" + PATH + UriUtils.encodePathSegment(username.trim(), StandardCharsets.UTF_8);
        }
        List<DialogSummary> summaries = dialogs.dialogsOf(me);
        if (summaries.isEmpty()) {
            // The original answered 500 here; Parley shows how to start a dialog instead.
            addCommon(model, me, summaries, request);
            return "parley/privatechat/dialogs";
        }
        // Like the original list view: the most recently active dialog is open.
        ChatUser other = dialogs.requireUserById(summaries.get(0).otherUserId());
        return show(model, me, other, summaries, request);
    }

    @GetMapping(PATH + "{username}")
    public String dialog(Principal principal, @PathVariable String username, HttpServletRequest request, Model model) {
        ChatUser me = me(principal);
        ChatUser other = users.findByUsername(username).orElse(null);
        if (other == null) {
            throw new UnknownUser(username);
        }
        if (other.id() == me.id()) {
            return "redirect:" + PATH;
        }
        Dialog dialog = dialogs.getOrCreate(me, other);
        return show(model, me, other, dialogs.dialogsOf(me), request, dialog);
    }

    private String show(Model model, ChatUser me, ChatUser other, List<DialogSummary> summaries, HttpServletRequest r) {
        return show(model, me, other, summaries, r, dialogs.getOrCreate(me, other));
    }

    private String show(
            Model model,
            ChatUser me,
            ChatUser other,
            List<DialogSummary> summaries,
            HttpServletRequest request,
            Dialog dialog) {
        addCommon(model, me, summaries, request);
        model.addAttribute("opponent", other);
        model.addAttribute(
                "page",
                messages.history(
                        me, dialog.id(), null, null, properties.messages().maxPageSize()));
        return "parley/privatechat/dialogs";
    }

    private void addCommon(Model model, ChatUser me, List<DialogSummary> summaries, HttpServletRequest request) {
        model.addAttribute("me", me);
        model.addAttribute("dialogs", summaries);
        model.addAttribute("clock", clock);
        model.addAttribute("wsServerPath", address.wsServerPath(request));
        model.addAttribute("sessionKey", tokens.issue(me, PrivateChatSessionController.sessionIdOf(request)));
    }

    private ChatUser me(Principal principal) {
        if (principal == null) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
        }
        return users.findByUsername(principal.getName())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    /** An unknown username in the URL: the "user not found" page with status 404. */
    static final class UnknownUser extends RuntimeException {
        final String username;

        UnknownUser(String username) {
            super(null, null, false, false);
            this.username = username;
        }
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(UnknownUser.class)
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.NOT_FOUND)
    public String unknownUser(UnknownUser e, Model model) {
        model.addAttribute("username", e.username);
        return "parley/dialog/user-not-found";
    }
}
