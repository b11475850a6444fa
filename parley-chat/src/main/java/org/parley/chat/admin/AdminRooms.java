package org.parley.chat.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.parley.chat.presence.PresenceService;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Read-only queries behind the admin's room pages; deleted rooms are gone from here as from everywhere. */
public class AdminRooms {

    private static final String SELECT = """
            select r.id, r.title, r.slug, r.staff_only, r.created,
                   (select count(*) from room_member m where m.room_id = r.id) as members
              from room r
            """;

    private final JdbcClient jdbc;
    private final PresenceService presence;

    public AdminRooms(JdbcClient jdbc, PresenceService presence) {
        this.jdbc = jdbc;
        this.presence = presence;
    }

    /** Rooms whose title contains {@code title} (all when blank), by title. */
    public OffsetPage<AdminRoom> list(String title, int page, int size) {
        var where = new Where().and("r.deleted is null").contains("r.title", title, "title");
        List<AdminRoom> rows = where.bind(
                        jdbc.sql(SELECT + where.sql() + " order by lower(r.title), r.id limit :limit offset :offset"))
                .param("limit", size + 1)
                .param("offset", (long) page * size)
                .query(AdminRooms::map)
                .list();
        return OffsetPage.of(rows, page, size);
    }

    /** A room that is not deleted, or ROOM_NOT_FOUND. */
    public AdminRoom require(long id) {
        return jdbc.sql(SELECT + " where r.id = ? and r.deleted is null")
                .param(id)
                .query(AdminRooms::map)
                .optional()
                .orElseThrow(() -> new ChatException(ErrorCode.ROOM_NOT_FOUND, "No such room."));
    }

    /** One page of a room's members by username, each marked online or not. */
    public OffsetPage<AdminRoomMember> members(long roomId, int page, int size) {
        List<AdminRoomMember> rows = jdbc.sql("""
                        select u.id, u.username, m.joined from room_member m join chat_user u on u.id = m.user_id
                         where m.room_id = :room order by u.username, u.id limit :limit offset :offset
                        """)
                .param("room", roomId)
                .param("limit", size + 1)
                .param("offset", (long) page * size)
                .query((rs, n) -> new AdminRoomMember(
                        rs.getLong("id"),
                        rs.getString("username"),
                        rs.getObject("joined", OffsetDateTime.class).toInstant(),
                        false))
                .list();
        OffsetPage<AdminRoomMember> cut = OffsetPage.of(rows, page, size);
        Set<Long> online = presence.onlineAmong(
                cut.items().stream().map(AdminRoomMember::userId).toList());
        return new OffsetPage<>(
                cut.items().stream()
                        .map(m ->
                                new AdminRoomMember(m.userId(), m.username(), m.joined(), online.contains(m.userId())))
                        .toList(),
                page,
                size,
                cut.hasNext());
    }

    private static AdminRoom map(ResultSet rs, int row) throws SQLException {
        return new AdminRoom(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("slug"),
                rs.getBoolean("staff_only"),
                rs.getObject("created", OffsetDateTime.class).toInstant(),
                rs.getLong("members"));
    }
}
