package org.parley.chat.room;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.parley.chat.broker.ChatBroker;
import org.parley.chat.broker.Topic;
import org.parley.chat.event.ChatEvent;
import org.parley.chat.event.RoomChanged;
import org.parley.chat.event.RoomCreated;
import org.parley.chat.event.RoomDeleted;
import org.parley.chat.event.RoomMemberJoined;
import org.parley.chat.event.RoomMemberLeft;
import org.parley.chat.event.RoomNotice;
import org.parley.chat.event.RoomPresenceChanged;
import org.parley.chat.presence.PresenceChange;
import org.parley.chat.presence.PresenceListener;
import org.parley.chat.presence.PresenceStore;
import org.parley.chat.support.AfterCommit;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.Coalescer;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every change to rooms and memberships, and the only publisher of room events (after the commit; staff
 * actions after the caller's commit when they run inside a transaction). Staff
 * actions ({@link #create}, {@link #rename}, {@link #setStaffOnly}, {@link #delete}, {@link #setMuted},
 * {@link #postNotice}) check that the actor is staff themselves, whatever page or socket called them.
 * Room messages are written by {@code MessageService}.
 */
public class RoomService implements PresenceListener {

    public static final int MAX_TITLE_LENGTH = 200;
    public static final int MAX_SLUG_LENGTH = 100;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final RoomRepository rooms;
    private final RoomAccess access;
    private final ChatUserDirectory users;
    private final PresenceStore presence;
    private final ChatBroker broker;
    private final ChatClock clock;
    private final TransactionTemplate tx;
    private final int maxNoticeLength;
    // Sockets opening together (each subscribes to its user's rooms) read their rooms with one query.
    private final Coalescer<Long, List<Long>> roomIdsOfUser;

    public RoomService(
            RoomRepository rooms,
            RoomAccess access,
            ChatUserDirectory users,
            PresenceStore presence,
            ChatBroker broker,
            ChatClock clock,
            TransactionTemplate tx,
            ParleyProperties properties) {
        this.rooms = rooms;
        this.access = access;
        this.users = users;
        this.presence = presence;
        this.broker = broker;
        this.clock = clock;
        this.tx = tx;
        this.maxNoticeLength = properties.messages().maxLength();
        this.roomIdsOfUser = new Coalescer<>(rooms::roomIdsOf, 100);
    }

    // ---- what a user sees

    /** The rooms {@code user} may see, by title: staff see staff-only rooms too. */
    public List<Room> roomsFor(ChatUser user) {
        return rooms.list(user.staff());
    }

    /** The ids of the rooms {@code user} is a member of. */
    public List<Long> roomIdsOf(ChatUser user) {
        List<Long> ids = roomIdsOfUser.get(user.id());
        return ids == null ? List.of() : ids;
    }

    public Room requireVisible(ChatUser user, long roomId) {
        return access.requireVisible(user, roomId);
    }

    public Room requireVisible(ChatUser user, String slug) {
        return access.requireVisible(user, slug);
    }

    /** A room's members with who of them is online, for one of its members; by username. */
    public List<RoomMember> members(ChatUser user, long roomId) {
        access.requireMember(user, roomId);
        List<RoomMember> members = rooms.members(roomId);
        Set<Long> online = members.isEmpty()
                ? Set.of()
                : presence.onlineAmong(members.stream().map(RoomMember::userId).toList());
        return members.stream()
                .map(m -> new RoomMember(m.userId(), m.username(), online.contains(m.userId())))
                .toList();
    }

    // ---- membership

    /**
     * Makes {@code user} a member of a room they may see. Joining a room one is already in changes nothing
     * and announces nothing.
     */
    public Joined join(ChatUser user, long roomId) {
        Room room = access.requireVisible(user, roomId);
        boolean added = rooms.addMember(room.id(), user.id(), clock.now());
        if (added) {
            broker.publish(
                    new RoomMemberJoined(room.id(), user.id(), user.username()),
                    List.of(Topic.room(room.id()), Topic.user(user.id())));
        }
        return new Joined(room, added);
    }

    /** Ends {@code user}'s membership of a room they may see; leaving a room one is not in does nothing. */
    public Room leave(ChatUser user, long roomId) {
        Room room = access.requireVisible(user, roomId);
        if (rooms.removeMember(room.id(), user.id())) {
            announceLeft(room.id(), user.id(), user.username());
        }
        return room;
    }

    private void announceLeft(long roomId, long userId, String username) {
        broker.publish(new RoomMemberLeft(roomId, userId, username), List.of(Topic.room(roomId), Topic.user(userId)));
    }

    /** Members of a user's rooms are told when the user comes online or goes offline. */
    @Override
    public void presenceChanged(long userId, String username, boolean online) {
        presenceChanged(List.of(new PresenceChange(userId, username, online)));
    }

    /** The same for many users at once, with one query for all their rooms. */
    @Override
    public void presenceChanged(List<PresenceChange> changes) {
        Set<Long> users = new HashSet<>();
        for (PresenceChange change : changes) {
            users.add(change.userId());
        }
        Map<Long, List<Long>> roomsOf = rooms.roomIdsOf(users);
        for (PresenceChange change : changes) {
            for (long roomId : roomsOf.getOrDefault(change.userId(), List.of())) {
                broker.publish(
                        new RoomPresenceChanged(roomId, change.userId(), change.username(), change.online()),
                        List.of(Topic.room(roomId)));
            }
        }
    }

    // ---- staff actions

    /** Creates a room with a slug made from its title. */
    public Room create(ChatUser actor, String title, boolean staffOnly) {
        return create(actor, title, null, staffOnly);
    }

    /** Creates a room; {@code slug} null or blank means one is made from the title. */
    public Room create(ChatUser actor, String title, String slug, boolean staffOnly) {
        requireStaff(actor);
        String cleanTitle = checkTitle(title);
        String cleanSlug = slug == null || slug.isBlank() ? freeSlugFor(cleanTitle) : checkSlug(slug.trim());
        Room room;
        try {
            room = rooms.insert(cleanTitle, cleanSlug, staffOnly, clock.now());
        } catch (DuplicateKeyException raced) {
            throw new ChatException(ErrorCode.SLUG_INVALID, "Another room already uses that address.");
        }
        publishAfterCommit(
                new RoomCreated(room.id(), room.title(), room.slug(), room.staffOnly()), directories(room.staffOnly()));
        return room;
    }

    public Room rename(ChatUser actor, long roomId, String title) {
        requireStaff(actor);
        Room room = access.requireVisible(actor, roomId);
        String cleanTitle = checkTitle(title);
        rooms.updateTitle(room.id(), cleanTitle);
        Room renamed = new Room(room.id(), cleanTitle, room.slug(), room.staffOnly(), room.created());
        publishChanged(renamed);
        return renamed;
    }

    /**
     * Makes a room staff-only (its non-staff members stop being members, and non-staff see it disappear)
     * or public again.
     */
    public Room setStaffOnly(ChatUser actor, long roomId, boolean staffOnly) {
        requireStaff(actor);
        Room room = access.requireVisible(actor, roomId);
        if (room.staffOnly() == staffOnly) {
            return room;
        }
        List<RoomMember> removed = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            rooms.updateStaffOnly(room.id(), staffOnly);
            if (staffOnly) {
                for (RoomMember member : rooms.members(room.id())) {
                    boolean staff =
                            users.findById(member.userId()).map(ChatUser::staff).orElse(false);
                    if (!staff && rooms.removeMember(room.id(), member.userId())) {
                        removed.add(member);
                    }
                }
            }
        });
        Room changed = new Room(room.id(), room.title(), room.slug(), staffOnly, room.created());
        for (RoomMember member : removed) {
            publishAfterCommit(
                    new RoomMemberLeft(room.id(), member.userId(), member.username()),
                    List.of(Topic.room(room.id()), Topic.user(member.userId())));
        }
        if (staffOnly) {
            publishAfterCommit(new RoomDeleted(room.id()), List.of(Topic.roomDirectory(false)));
        }
        publishChanged(changed);
        return changed;
    }

    /**
     * Deletes a room: it disappears for everyone and its memberships end. Its messages are kept for the
     * record but nobody can reach them through the room any more.
     */
    public void delete(ChatUser actor, long roomId) {
        requireStaff(actor);
        Room room = access.requireVisible(actor, roomId);
        boolean deleted = Boolean.TRUE.equals(tx.execute(status -> rooms.markDeleted(room.id(), clock.now())));
        if (deleted) {
            List<Topic> topics = new ArrayList<>(directories(room.staffOnly()));
            topics.add(Topic.room(room.id()));
            publishAfterCommit(new RoomDeleted(room.id()), topics);
        }
    }

    /** Mutes or unmutes a user in every room: a muted user cannot send room messages. */
    public void setMuted(ChatUser actor, long userId, boolean muted) {
        requireStaff(actor);
        users.findById(userId).orElseThrow(() -> new ChatException(ErrorCode.USER_NOT_FOUND, "No such user."));
        rooms.setMuted(userId, muted);
    }

    public boolean isMuted(long userId) {
        return rooms.isMuted(userId);
    }

    /** The muted users among {@code userIds}. */
    public Set<Long> mutedAmong(Collection<Long> userIds) {
        return rooms.mutedAmong(userIds);
    }

    /**
     * Posts a system notice to everyone in a room: level 1 (warning) or 2 (alert). Level 3 (muted) is only
     * ever sent by the server to a muted sender.
     */
    public void postNotice(ChatUser actor, long roomId, int level, String text) {
        requireStaff(actor);
        Room room = access.requireVisible(actor, roomId);
        if (level != RoomNotice.WARNING && level != RoomNotice.ALERT) {
            throw new ChatException(ErrorCode.WRONG_FIELD_TYPE, "A notice's level is 1 (warning) or 2 (alert).");
        }
        if (text == null || text.isBlank()) {
            throw new ChatException(ErrorCode.TEXT_EMPTY, "A notice needs some text.");
        }
        if (text.length() > maxNoticeLength) {
            throw new ChatException(
                    ErrorCode.TEXT_TOO_LONG, "A notice may have at most " + maxNoticeLength + " characters.");
        }
        broker.publish(new RoomNotice(room.id(), level, actor.username(), text), List.of(Topic.room(room.id())));
    }

    private void publishChanged(Room room) {
        ChatEvent event = new RoomChanged(room.id(), room.title(), room.slug(), room.staffOnly());
        publishAfterCommit(event, directories(room.staffOnly()));
    }

    /**
     * Staff actions publish once the caller's transaction (if any: the admin wraps an action and its audit
     * entry in one) has committed, so nobody is told about a change that is rolled back.
     */
    private void publishAfterCommit(ChatEvent event, List<Topic> topics) {
        AfterCommit.run(() -> broker.publish(event, topics));
    }

    /** Who may hear about a room: staff only, or everyone. */
    private static List<Topic> directories(boolean staffOnly) {
        return staffOnly
                ? List.of(Topic.roomDirectory(true))
                : List.of(Topic.roomDirectory(true), Topic.roomDirectory(false));
    }

    private static void requireStaff(ChatUser actor) {
        if (actor == null || !actor.staff()) {
            throw new ChatException(ErrorCode.FORBIDDEN, "Only staff may do that.");
        }
    }

    private static String checkTitle(String title) {
        String clean = title == null ? "" : title.strip();
        if (clean.isEmpty()
                || clean.length() > MAX_TITLE_LENGTH
                || clean.chars().anyMatch(Character::isISOControl)) {
            throw new ChatException(
                    ErrorCode.TITLE_INVALID, "A room title has 1 to " + MAX_TITLE_LENGTH + " characters.");
        }
        return clean;
    }

    private String checkSlug(String slug) {
        if (slug.length() > MAX_SLUG_LENGTH || !SLUG.matcher(slug).matches()) {
            throw new ChatException(
                    ErrorCode.SLUG_INVALID, "A room address uses lower-case letters, digits and single dashes.");
        }
        if (rooms.slugTaken(slug)) {
            throw new ChatException(ErrorCode.SLUG_INVALID, "Another room already uses that address.");
        }
        return slug;
    }

    /** A slug from the title ("Café Talk" becomes "cafe-talk"), numbered when taken ("cafe-talk-2"). */
    String freeSlugFor(String title) {
        String base = Normalizer.normalize(title, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (base.length() > MAX_SLUG_LENGTH - 8) {
            base = base.substring(0, MAX_SLUG_LENGTH - 8).replaceAll("-+$", "");
        }
        if (base.isEmpty()) {
            base = "room";
        }
        String slug = base;
        for (int n = 2; rooms.slugTaken(slug); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }

    /**
     * The result of {@link #join}.
     *
     * @param joinedNow false if the user already was a member
     */
    public record Joined(Room room, boolean joinedNow) {}
}
