package org.parley.chat.room;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** SQL for rooms, memberships and the muted flag. Only the room feature's classes use it. */
public class RoomRepository {

    private static final String COLUMNS = "r.id, r.title, r.slug, r.staff_only, r.created";

    private final JdbcClient jdbc;

    public RoomRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A room that is not deleted. */
    public Optional<Room> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from room r where r.id = ? and r.deleted is null")
                .param(id)
                .query(RoomRepository::map)
                .optional();
    }

    public Optional<Room> findBySlug(String slug) {
        return jdbc.sql("select " + COLUMNS + " from room r where r.slug = ?")
                .param(slug)
                .query(RoomRepository::map)
                .optional();
    }

    /** A room with one user's membership and muted flag, in one query (the hot path of sending). */
    public Optional<Membership> membership(long roomId, long userId) {
        return jdbc.sql("select " + COLUMNS + """
                        , (select count(*) from room_member m where m.room_id = r.id and m.user_id = :user) as member,
                          coalesce((select u.muted from chat_user u where u.id = :user), false) as muted
                          from room r where r.id = :room and r.deleted is null
                        """)
                .param("room", roomId)
                .param("user", userId)
                .query((rs, n) -> new Membership(map(rs, n), rs.getLong("member") > 0, rs.getBoolean("muted")))
                .optional();
    }

    /** Rooms that are not deleted, by title (case-insensitive), staff-only ones only if asked for. */
    public List<Room> list(boolean includeStaffOnly) {
        return jdbc.sql("select " + COLUMNS + " from room r where r.deleted is null"
                        + (includeStaffOnly ? "" : " and r.staff_only = false")
                        + " order by lower(r.title), r.id")
                .query(RoomRepository::map)
                .list();
    }

    public Room insert(String title, String slug, boolean staffOnly, OffsetDateTime now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into room (title, slug, staff_only, created) values (?, ?, ?, ?)")
                .params(title, slug, staffOnly, now)
                .update(keys, "id");
        return new Room(keys.getKey().longValue(), title, slug, staffOnly, now.toInstant());
    }

    public void updateTitle(long id, String title) {
        jdbc.sql("update room set title = ? where id = ? and deleted is null")
                .params(title, id)
                .update();
    }

    public void updateStaffOnly(long id, boolean staffOnly) {
        jdbc.sql("update room set staff_only = ? where id = ? and deleted is null")
                .params(staffOnly, id)
                .update();
    }

    /** Marks a room deleted (it frees its slug) and ends every membership; false if it was already gone. */
    public boolean markDeleted(long id, OffsetDateTime now) {
        int changed = jdbc.sql("update room set deleted = ?, slug = null where id = ? and deleted is null")
                .params(now, id)
                .update();
        jdbc.sql("delete from room_member where room_id = ?").param(id).update();
        return changed == 1;
    }

    public boolean slugTaken(String slug) {
        return jdbc.sql("select count(*) from room where slug = ?")
                        .param(slug)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Adds a member; false if the user already was one (also when two requests race). */
    public boolean addMember(long roomId, long userId, OffsetDateTime now) {
        try {
            return jdbc.sql("""
                            insert into room_member (room_id, user_id, joined)
                            select ?, ?, ? where not exists
                              (select 1 from room_member where room_id = ? and user_id = ?)
                            """).params(roomId, userId, now, roomId, userId).update() == 1;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    /** Removes a member; false if the user was not one. */
    public boolean removeMember(long roomId, long userId) {
        return jdbc.sql("delete from room_member where room_id = ? and user_id = ?")
                        .params(roomId, userId)
                        .update()
                == 1;
    }

    /** The ids of the rooms (not deleted) a user is a member of. */
    public List<Long> roomIdsOf(long userId) {
        return jdbc.sql("""
                        select m.room_id from room_member m join room r on r.id = m.room_id
                         where m.user_id = ? and r.deleted is null order by m.room_id
                        """).param(userId).query(Long.class).list();
    }

    /** {@link #roomIdsOf(long)} for several users with one query: each user's rooms, by user id. */
    public Map<Long, List<Long>> roomIdsOf(Collection<Long> userIds) {
        Map<Long, List<Long>> rooms = new HashMap<>();
        if (userIds.isEmpty()) {
            return rooms;
        }
        jdbc.sql("""
                        select m.user_id, m.room_id from room_member m join room r on r.id = m.room_id
                         where m.user_id in (:users) and r.deleted is null order by m.user_id, m.room_id
                        """).param("users", userIds).query(rs -> {
            rooms.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getLong(2));
        });
        return rooms;
    }

    /** A room's members as (id, username), by username. */
    public List<RoomMember> members(long roomId) {
        return jdbc.sql("""
                        select u.id, u.username from room_member m join chat_user u on u.id = m.user_id
                         where m.room_id = ? order by u.username
                        """)
                .param(roomId)
                .query((rs, n) -> new RoomMember(rs.getLong("id"), rs.getString("username"), false))
                .list();
    }

    public boolean isMuted(long userId) {
        return jdbc.sql("select muted from chat_user where id = ?")
                .param(userId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** The muted users among {@code userIds} (one query for a whole admin page). */
    public Set<Long> mutedAmong(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select id from chat_user where muted = true and id in (:ids)")
                .param("ids", userIds)
                .query(Long.class)
                .list());
    }

    public void setMuted(long userId, boolean muted) {
        jdbc.sql("update chat_user set muted = ? where id = ?")
                .params(muted, userId)
                .update();
    }

    private static Room map(ResultSet rs, int row) throws SQLException {
        return new Room(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("slug"),
                rs.getBoolean("staff_only"),
                rs.getObject("created", OffsetDateTime.class).toInstant());
    }

    /** A room as one user stands in it. */
    public record Membership(Room room, boolean member, boolean muted) {}
}
