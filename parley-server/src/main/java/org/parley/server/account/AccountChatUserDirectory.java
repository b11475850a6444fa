package org.parley.server.account;

import java.util.List;
import java.util.Optional;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.chat.user.ChatUserIds;
import org.springframework.stereotype.Component;

/** The chat's view of the server's accounts; unlike the default directory it can search every account. */
@Component
public class AccountChatUserDirectory implements ChatUserDirectory {

    private final AccountRepository accounts;
    private final ChatUserIds ids;

    public AccountChatUserDirectory(AccountRepository accounts, ChatUserIds ids) {
        this.accounts = accounts;
        this.ids = ids;
    }

    @Override
    public Optional<ChatUser> findByUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return accounts.findByUsername(username).filter(Account::active).map(this::toChatUser);
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
        String name = account.displayName() == null ? account.username() : account.displayName();
        return new ChatUser(ids.idOf(account.username()), account.username(), name, account.staff());
    }
}
