package org.parley.server.account;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.chat.support.Coalescer;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserCache;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.chat.user.ChatUserIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The chat's view of the server's accounts; unlike the default directory it can search every account. */
@Component
public class AccountChatUserDirectory implements ChatUserDirectory {

    private final AccountRepository accounts;
    private final ChatUserIds ids;
    private final JdbcClient jdbc;
    private final ChatUserCache cache;
    // Sockets opening together look their users up with one query (docs/performance.md, "Sixth round").
    private final Coalescer<String, ChatUser> loads = new Coalescer<>(this::load, 100);

    public AccountChatUserDirectory(AccountRepository accounts, ChatUserIds ids, JdbcClient jdbc, ChatUserCache cache) {
        this.accounts = accounts;
        this.ids = ids;
        this.jdbc = jdbc;
        this.cache = cache;
    }

    /**
     * Every request of a logged-in user, every socket opened and every dialog message (its recipient) look a
     * user up here: answered from the node's {@link ChatUserCache}, else one plain query rather than the
     * repository's derived one, which renders its SQL and opens a read-only transaction on every call
     * (two thirds of the server's CPU per message in docs/performance.md).
     */
    @Override
    public Optional<ChatUser> findByUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return cache.get(username, name -> Optional.ofNullable(loads.get(name)));
    }

    /** The active accounts among {@code usernames} as chat users, with two or three queries in all. */
    private Map<String, ChatUser> load(Set<String> usernames) {
        // Rows become accounts first: the chat id lookup may need a connection of its own, and holding this
        // query's connection meanwhile could exhaust the pool.
        List<Account> found = jdbc.sql("""
                        select username, display_name, staff from account
                         where username in (:names) and active = true""")
                .param("names", usernames)
                .query((rs, row) -> new Account(
                        null, rs.getString("username"), "", rs.getString("display_name"), rs.getBoolean("staff"), true))
                .list();
        Map<String, Long> chatIds =
                ids.idsOf(found.stream().map(Account::username).toList());
        Map<String, ChatUser> users = new HashMap<>();
        for (Account account : found) {
            users.put(account.username(), toChatUser(account, chatIds.get(account.username())));
        }
        return users;
    }

    @Override
    public Optional<ChatUser> findById(long id) {
        return ids.usernameOf(id).flatMap(this::findByUsername);
    }

    @Override
    public List<ChatUser> search(String prefix, int limit) {
        String escaped =
                prefix.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return accounts.findActiveByUsernamePrefix(escaped + "%", limit).stream()
                .map(this::toChatUser)
                .toList();
    }

    private ChatUser toChatUser(Account account) {
        return toChatUser(account, ids.idOf(account.username()));
    }

    private static ChatUser toChatUser(Account account, long chatId) {
        String name = account.displayName() == null ? account.username() : account.displayName();
        return new ChatUser(chatId, account.username(), name, account.staff());
    }
}
