package org.parley.chat.user;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The default {@link ChatUserDirectory}: the host's {@link UserDetailsService} says who exists and who is
 * staff (the {@code parley.users.staff-authority} authority); {@link ChatUserIds} gives the ids.
 * A host whose user store can list users should declare its own directory to get a full user search;
 * this one searches the users the chat has already seen, plus an exact username.
 */
public class UserDetailsChatUserDirectory implements ChatUserDirectory {

    private final UserDetailsService users;
    private final ChatUserIds ids;
    private final String staffAuthority;
    private final ChatUserCache cache;

    public UserDetailsChatUserDirectory(UserDetailsService users, ChatUserIds ids, String staffAuthority) {
        this(users, ids, staffAuthority, new ChatUserCache(java.time.Duration.ZERO, 0));
    }

    public UserDetailsChatUserDirectory(
            UserDetailsService users, ChatUserIds ids, String staffAuthority, ChatUserCache cache) {
        this.users = users;
        this.ids = ids;
        this.staffAuthority = staffAuthority;
        this.cache = cache;
    }

    @Override
    public Optional<ChatUser> findByUsername(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return cache.get(username, name -> load(name).map(this::toChatUser));
    }

    @Override
    public Optional<ChatUser> findById(long id) {
        return ids.usernameOf(id).flatMap(this::findByUsername);
    }

    @Override
    public List<ChatUser> search(String prefix, int limit) {
        var found = new java.util.ArrayList<ChatUser>();
        findByUsername(prefix).ifPresent(found::add);
        for (String username : ids.usernamesStartingWith(prefix, limit)) {
            if (found.size() >= limit) {
                break;
            }
            if (found.stream().noneMatch(u -> u.username().equals(username))) {
                findByUsername(username).ifPresent(found::add);
            }
        }
        return found;
    }

    private Optional<UserDetails> load(String username) {
        try {
            UserDetails details = users.loadUserByUsername(username);
            return details.isEnabled() ? Optional.of(details) : Optional.empty();
        } catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
    }

    private ChatUser toChatUser(UserDetails details) {
        boolean staff =
                details.getAuthorities().stream().anyMatch(a -> Objects.equals(a.getAuthority(), staffAuthority));
        return new ChatUser(ids.idOf(details.getUsername()), details.getUsername(), details.getUsername(), staff);
    }
}
