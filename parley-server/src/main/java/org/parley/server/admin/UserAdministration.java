package org.parley.server.admin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.chat.admin.AdminAction;
import org.parley.chat.admin.AuditLog;
import org.parley.chat.admin.OffsetPage;
import org.parley.chat.room.RoomService;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.support.InvalidInputException;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserIds;
import org.parley.chat.user.UserSessionService;
import org.parley.server.account.Account;
import org.parley.server.account.AccountRepository;
import org.parley.server.account.AccountService;
import org.parley.server.token.ApiToken;
import org.parley.server.token.ApiTokenService;
import org.parley.server.token.IssuedToken;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff actions on accounts: each one changes the account (through {@link AccountService}), writes its audit
 * entry in the same transaction, and tells the chat what it must act on (a deactivated user's sockets close
 * on every node after the commit). Staff cannot take their own staff flag or deactivate themselves.
 */
@Service
public class UserAdministration {

    static final int MAX_TOKEN_NAME = 100;

    private final AccountRepository accounts;
    private final AccountService accountService;
    private final ChatUserIds ids;
    private final UserSessionService sessions;
    private final ApiTokenService tokens;
    private final AuditLog audit;
    private final RoomService rooms;

    public UserAdministration(
            AccountRepository accounts,
            AccountService accountService,
            ChatUserIds ids,
            UserSessionService sessions,
            ApiTokenService tokens,
            AuditLog audit,
            RoomService rooms) {
        this.accounts = accounts;
        this.accountService = accountService;
        this.ids = ids;
        this.sessions = sessions;
        this.tokens = tokens;
        this.audit = audit;
        this.rooms = rooms;
    }

    /** Accounts whose username contains {@code query} (case-insensitive; all when blank), by username. */
    public OffsetPage<AdminUser> list(String query, int page, int size) {
        String pattern = "%" + escapeLike(query == null ? "" : query.trim().toLowerCase()) + "%";
        OffsetPage<Account> cut = OffsetPage.of(accounts.findPage(pattern, size + 1, (long) page * size), page, size);
        Map<String, Long> chatIds = new HashMap<>();
        cut.items().forEach(a -> chatIds.put(a.username(), ids.idOf(a.username())));
        // One query for the muted flags of the whole page, not one per row.
        Set<Long> muted = rooms.mutedAmong(chatIds.values());
        return new OffsetPage<>(
                cut.items().stream()
                        .map(a -> view(a, chatIds.get(a.username()), muted.contains(chatIds.get(a.username()))))
                        .toList(),
                page,
                size,
                cut.hasNext());
    }

    /** One account, or USER_NOT_FOUND. */
    public AdminUser require(long accountId) {
        return view(account(accountId));
    }

    @Transactional
    public AdminUser create(ChatUser staff, String username, String password, boolean makeStaff) {
        String problem = accountService.problemWith(username, password);
        if (problem != null) {
            throw new InvalidInputException(
                    Map.of(problem.startsWith("account.error.password") ? "password" : "username", problem));
        }
        Account created = accountService.create(username, password, makeStaff);
        audit.record(staff, AdminAction.USER_CREATED, "user", created.username(), makeStaff ? "staff" : null);
        return view(created);
    }

    @Transactional
    public AdminUser setStaff(ChatUser staff, long accountId, boolean makeStaff) {
        Account account = account(accountId);
        if (!makeStaff && isSelf(staff, account)) {
            throw new ChatException(ErrorCode.NOT_ALLOWED_ON_SELF, "You cannot remove your own staff flag.");
        }
        if (account.staff() != makeStaff) {
            accountService.setStaff(accountId, makeStaff);
            audit.record(
                    staff,
                    makeStaff ? AdminAction.USER_STAFF_SET : AdminAction.USER_STAFF_UNSET,
                    "user",
                    account.username(),
                    null);
            sessions.changed(ids.idOf(account.username()), account.username());
        }
        return require(accountId);
    }

    /** Deactivating ends the user's sessions and sockets at once, on every node; they cannot log in. */
    @Transactional
    public AdminUser setActive(ChatUser staff, long accountId, boolean active) {
        Account account = account(accountId);
        if (!active && isSelf(staff, account)) {
            throw new ChatException(ErrorCode.NOT_ALLOWED_ON_SELF, "You cannot deactivate yourself.");
        }
        if (account.active() != active) {
            accountService.setActive(accountId, active);
            audit.record(
                    staff,
                    active ? AdminAction.USER_ACTIVATED : AdminAction.USER_DEACTIVATED,
                    "user",
                    account.username(),
                    null);
            if (!active) {
                sessions.deactivated(ids.idOf(account.username()), account.username());
            }
        }
        return require(accountId);
    }

    /** A muted user cannot post in rooms (they get a level-3 notice when they try). */
    @Transactional
    public AdminUser setMuted(ChatUser staff, long accountId, boolean muted) {
        Account account = account(accountId);
        long chatId = ids.idOf(account.username());
        if (rooms.isMuted(chatId) != muted) {
            rooms.setMuted(staff, chatId, muted);
            audit.record(
                    staff, muted ? AdminAction.USER_MUTED : AdminAction.USER_UNMUTED, "user", account.username(), null);
        }
        return require(accountId);
    }

    @Transactional
    public void resetPassword(ChatUser staff, long accountId, String password) {
        Account account = account(accountId);
        String problem = accountService.problemWithPassword(password);
        if (problem != null) {
            throw new InvalidInputException(Map.of("password", problem));
        }
        accountService.setPassword(accountId, password);
        audit.record(staff, AdminAction.USER_PASSWORD_RESET, "user", account.username(), null);
    }

    public List<ApiToken> tokens(long accountId) {
        return tokens.of(account(accountId).id());
    }

    /** A new personal API token for the account; its secret is in the result and nowhere else. */
    @Transactional
    public IssuedToken createToken(ChatUser staff, long accountId, String name) {
        Account account = account(accountId);
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_TOKEN_NAME) {
            throw new InvalidInputException(Map.of("name", "admin.users.error.tokenName"));
        }
        IssuedToken issued = tokens.create(account.id(), trimmed);
        audit.record(
                staff,
                AdminAction.API_TOKEN_CREATED,
                "user",
                account.username(),
                "token " + issued.id() + " (" + trimmed + ")");
        return issued;
    }

    @Transactional
    public void revokeToken(ChatUser staff, long accountId, long tokenId) {
        Account account = account(accountId);
        ApiToken token = tokens.find(tokenId)
                .filter(t -> t.accountId() == account.id())
                .orElseThrow(() -> new ChatException(ErrorCode.NOT_FOUND, "No such token."));
        if (tokens.revoke(token.id())) {
            audit.record(
                    staff,
                    AdminAction.API_TOKEN_REVOKED,
                    "user",
                    account.username(),
                    "token " + token.id() + " (" + token.name() + ")");
        }
    }

    private Account account(long accountId) {
        return accounts.findById(accountId)
                .orElseThrow(() -> new ChatException(ErrorCode.USER_NOT_FOUND, "No such user."));
    }

    private static boolean isSelf(ChatUser staff, Account account) {
        return staff.username().equals(account.username());
    }

    private AdminUser view(Account account) {
        long chatId = ids.idOf(account.username());
        return view(account, chatId, rooms.isMuted(chatId));
    }

    private static AdminUser view(Account account, long chatId, boolean muted) {
        String name = account.displayName() == null ? account.username() : account.displayName();
        return new AdminUser(account.id(), chatId, account.username(), name, account.staff(), account.active(), muted);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
