package org.parley.chat.user;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.chat.support.Coalescer;
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
    // Sockets opening together (a storm, a morning) find or create their ids with one query or two.
    private final Coalescer<String, Long> unknown = new Coalescer<>(this::findOrCreate, 100);

    public ChatUserIds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The id of {@code username}, creating it on first use (safe when two nodes race). */
    public long idOf(String username) {
        Long cached = idsByUsername.get(username);
        return cached != null ? cached : unknown.get(username);
    }

    /** {@link #idOf} for several usernames with one query (two when some are new), by username. */
    public Map<String, Long> idsOf(Collection<String> usernames) {
        Map<String, Long> ids = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String username : usernames) {
            Long cached = idsByUsername.get(username);
            if (cached != null) {
                ids.put(username, cached);
            } else {
                missing.add(username);
            }
        }
        if (!missing.isEmpty()) {
            ids.putAll(findOrCreate(Set.copyOf(missing)));
        }
        return ids;
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

    private Map<String, Long> findOrCreate(Set<String> usernames) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("select id, username from chat_user where username in (:names)")
                .param("names", usernames)
                .query(rs -> {
                    ids.put(rs.getString(2), rs.getLong(1));
                });
        List<String> missing =
                usernames.stream().filter(u -> !ids.containsKey(u)).toList();
        if (!missing.isEmpty()) {
            ids.putAll(insertAll(missing));
        }
        ids.forEach(this::remember);
        return ids;
    }

    /** One insert for all of {@code usernames}; if another node created one of them meanwhile, one by one. */
    private Map<String, Long> insertAll(List<String> usernames) {
        var sql = new StringBuilder("insert into chat_user (username) values ");
        var params = new ArrayList<Object>();
        for (String username : usernames) {
            sql.append(params.isEmpty() ? "(?)" : ", (?)");
            params.add(username);
        }
        try {
            var keys = new GeneratedKeyHolder();
            jdbc.sql(sql.toString()).params(params).update(keys, "id", "username");
            Map<String, Long> ids = new HashMap<>();
            // JdbcTemplate gives each row as a case-insensitive map (H2 reports the columns in upper case).
            for (Map<String, Object> row : keys.getKeyList()) {
                ids.put((String) row.get("username"), ((Number) row.get("id")).longValue());
            }
            return ids;
        } catch (DuplicateKeyException raced) {
            Map<String, Long> ids = new HashMap<>();
            for (String username : usernames) {
                ids.put(username, lookup(username).orElseGet(() -> insert(username)));
            }
            return ids;
        }
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
