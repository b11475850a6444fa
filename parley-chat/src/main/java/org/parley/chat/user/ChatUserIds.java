package org.parley.chat.user;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Gives each username a stable numeric id in the {@code chat_user} table, created the first time the chat
 * sees the user. Dialogs and messages refer to these ids, so the host's user table can be anything.
 */
public class ChatUserIds {

    private final JdbcClient jdbc;
    // Ids never change once given, so caching them is safe; the map grows with the users seen.
    private final ConcurrentHashMap<String, Long> idsByUsername = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, String> usernamesById = new ConcurrentHashMap<>();

    public ChatUserIds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The id of {@code username}, creating it on first use (safe when two nodes race). */
    public long idOf(String username) {
        Long cached = idsByUsername.get(username);
        if (cached != null) {
            return cached;
        }
        long id = lookup(username).orElseGet(() -> insert(username));
        remember(username, id);
        return id;
    }

    public Optional<String> usernameOf(long id) {
        String cached = usernamesById.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> found = jdbc.sql("select username from chat_user where id = ?")
                .param(id)
                .query(String.class)
                .optional();
        found.ifPresent(username -> remember(username, id));
        return found;
    }

    /** Known usernames starting with {@code prefix}, case-insensitive. */
    public List<String> usernamesStartingWith(String prefix, int limit) {
        return jdbc.sql("select username from chat_user where lower(username) like ? order by username limit ?")
                .param(escapeLike(prefix.toLowerCase()) + "%")
                .param(limit)
                .query(String.class)
                .list();
    }

    private Optional<Long> lookup(String username) {
        return jdbc.sql("select id from chat_user where username = ?")
                .param(username)
                .query(Long.class)
                .optional();
    }

    private long insert(String username) {
        try {
            var keys = new GeneratedKeyHolder();
            jdbc.sql("insert into chat_user (username) values (?)")
                    .param(username)
                    .update(keys, "id");
            return keys.getKey().longValue();
        } catch (DuplicateKeyException raced) {
            return lookup(username).orElseThrow(() -> raced);
        }
    }

    private void remember(String username, long id) {
        idsByUsername.put(username, id);
        usernamesById.put(id, username);
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
