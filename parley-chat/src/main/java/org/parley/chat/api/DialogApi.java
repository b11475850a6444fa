package org.parley.chat.api;

import java.security.Principal;
import java.util.List;
import org.parley.chat.message.ChatMessage;
import org.parley.chat.message.DialogOverview;
import org.parley.chat.message.MessageService;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUserDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own dialogs and their messages, read-only. */
@RestController
@ParleyApi
@RequestMapping("/api/dialogs")
public class DialogApi {

    private final ChatUserDirectory users;
    private final MessageService messages;
    private final ParleyProperties.Messages settings;

    public DialogApi(ChatUserDirectory users, MessageService messages, ParleyProperties properties) {
        this.users = users;
        this.messages = messages;
        this.settings = properties.messages();
    }

    /** The caller's dialogs, latest activity first, with unread counts and the newest message; paged. */
    @GetMapping
    public List<DialogOverview> list(
            Principal principal,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) Integer size) {
        int limit = size(size);
        return messages.overview(ApiUser.of(principal, users), limit, (long) Math.max(0, page) * limit);
    }

    /**
     * The caller's messages with {@code username}, newest first, paged by message id: {@code before} for
     * older ones, {@code after} for newer ones. Empty if the two have never talked.
     */
    @GetMapping("/{username}/messages")
    public MessageList<ChatMessage> messages(
            Principal principal,
            @PathVariable String username,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) Long after,
            @RequestParam(required = false) Integer limit) {
        if (before != null && after != null) {
            throw new ChatException(ErrorCode.INVALID_INPUT, "Give 'before' or 'after', not both.");
        }
        return MessageList.of(messages.historyWith(ApiUser.of(principal, users), username, before, after, size(limit)));
    }

    private int size(Integer asked) {
        return asked == null ? settings.pageSize() : Math.max(1, Math.min(asked, settings.maxPageSize()));
    }
}
