package org.parley.chat.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.chat.message.MessageRepository;
import org.parley.chat.message.RoomMessage;
import org.parley.chat.system.ParleySchema;
import org.parley.chat.user.ChatUserIds;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The room tables and queries, run against each database Parley supports (H2 in PostgreSQL mode and
 * PostgreSQL) by the subclasses; each test method gets a fresh schema.
 */
abstract class RoomPersistenceContract {

    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);

    RoomRepository rooms;
    MessageRepository messages;
    JdbcClient jdbc;
    long alice;
    long bob;

    /** A data source on an empty database of its own. */
    abstract DataSource freshDatabase();

    @BeforeEach
    void migrate() {
        DataSource dataSource = freshDatabase();
        new ParleySchema(dataSource);
        jdbc = JdbcClient.create(dataSource);
        rooms = new RoomRepository(jdbc);
        messages = new MessageRepository(jdbc);
        var ids = new ChatUserIds(jdbc);
        alice = ids.idOf("alice");
        bob = ids.idOf("bob");
    }

    @Test
    void roomsAreListedByTitleIgnoringCaseAndStaffOnlyRoomsOnlyForStaff() {
        rooms.insert("lounge", "lounge", false, NOW);
        rooms.insert("Attic", "attic", true, NOW);
        rooms.insert("Basement", "basement", false, NOW);

        assertThat(rooms.list(true)).extracting(Room::title).containsExactly("Attic", "Basement", "lounge");
        assertThat(rooms.list(false)).extracting(Room::title).containsExactly("Basement", "lounge");
        assertThat(rooms.findBySlug("attic")).get().extracting(Room::staffOnly).isEqualTo(true);
    }

    @Test
    void aSlugIsUniqueUntilItsRoomIsDeleted() {
        Room lobby = rooms.insert("Lobby", "lobby", false, NOW);
        assertThatThrownBy(() -> rooms.insert("Other lobby", "lobby", false, NOW))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(rooms.markDeleted(lobby.id(), NOW)).isTrue();
        assertThat(rooms.markDeleted(lobby.id(), NOW)).isFalse();
        assertThat(rooms.findById(lobby.id())).isEmpty();
        assertThat(rooms.findBySlug("lobby")).isEmpty();
        assertThat(rooms.slugTaken("lobby")).isFalse();
        Room again = rooms.insert("Lobby again", "lobby", false, NOW);
        assertThat(rooms.findBySlug("lobby")).get().extracting(Room::id).isEqualTo(again.id());
    }

    @Test
    void membershipIsPerUserAndJoiningTwiceChangesNothing() {
        Room lobby = rooms.insert("Lobby", "lobby", false, NOW);
        Room attic = rooms.insert("Attic", "attic", false, NOW);

        assertThat(rooms.addMember(lobby.id(), alice, NOW)).isTrue();
        assertThat(rooms.addMember(lobby.id(), alice, NOW)).isFalse();
        assertThat(rooms.addMember(attic.id(), alice, NOW)).isTrue();
        assertThat(rooms.addMember(lobby.id(), bob, NOW)).isTrue();

        assertThat(rooms.roomIdsOf(alice)).containsExactly(lobby.id(), attic.id());
        // The same for several users with one query (presence announced in batches).
        assertThat(rooms.roomIdsOf(List.of(alice, bob, -1L)))
                .containsOnly(Map.entry(alice, List.of(lobby.id(), attic.id())), Map.entry(bob, List.of(lobby.id())));
        assertThat(rooms.members(lobby.id())).extracting(RoomMember::username).containsExactly("alice", "bob");
        assertThat(rooms.membership(lobby.id(), alice))
                .get()
                .extracting(RoomRepository.Membership::member)
                .isEqualTo(true);

        assertThat(rooms.removeMember(lobby.id(), alice)).isTrue();
        assertThat(rooms.removeMember(lobby.id(), alice)).isFalse();
        assertThat(rooms.membership(lobby.id(), alice))
                .get()
                .extracting(RoomRepository.Membership::member)
                .isEqualTo(false);

        rooms.markDeleted(attic.id(), NOW);
        assertThat(rooms.roomIdsOf(alice)).isEmpty();
        assertThat(rooms.roomIdsOf(List.of(alice))).isEmpty();
        assertThat(rooms.membership(attic.id(), alice)).isEmpty();
    }

    @Test
    void mutedIsAFlagPerUser() {
        Room lobby = rooms.insert("Lobby", "lobby", false, NOW);
        rooms.addMember(lobby.id(), bob, NOW);
        assertThat(rooms.isMuted(bob)).isFalse();

        rooms.setMuted(bob, true);

        assertThat(rooms.isMuted(bob)).isTrue();
        assertThat(rooms.isMuted(alice)).isFalse();
        assertThat(rooms.membership(lobby.id(), bob))
                .get()
                .extracting(RoomRepository.Membership::muted)
                .isEqualTo(true);
    }

    @Test
    void roomMessagesShareTheMessageTableAndPageLikeDialogMessages() {
        Room lobby = rooms.insert("Lobby", "lobby", false, NOW);
        Room attic = rooms.insert("Attic", "attic", false, NOW);
        long first = messages.insertRoomMessage(lobby.id(), alice, "one", NOW);
        long second = messages.insertRoomMessage(lobby.id(), bob, "two", NOW);
        long third = messages.insertRoomMessage(lobby.id(), alice, "three", NOW);
        messages.insertRoomMessage(attic.id(), alice, "elsewhere", NOW);

        assertThat(messages.roomPage(lobby.id(), null, null, 10))
                .extracting(RoomMessage::text)
                .containsExactly("one", "two", "three");
        assertThat(messages.roomPage(lobby.id(), third, null, 10))
                .extracting(RoomMessage::text)
                .containsExactly("one", "two");
        assertThat(messages.roomPage(lobby.id(), null, first, 10))
                .extracting(RoomMessage::text)
                .containsExactly("two", "three");
        assertThat(messages.roomPage(lobby.id(), null, null, 10).get(1).senderUsername())
                .isEqualTo("bob");

        assertThat(messages.setRemoved(second, true, NOW)).isTrue();
        assertThat(messages.setRemoved(second, true, NOW)).isFalse();
        assertThat(messages.roomPage(lobby.id(), null, null, 10))
                .extracting(RoomMessage::text)
                .containsExactly("one", "three");
        assertThat(messages.findIncludingRemoved(second)).get().satisfies(m -> {
            assertThat(m.removed()).isTrue();
            assertThat(m.roomId()).isEqualTo(lobby.id());
            assertThat(m.dialogId()).isNull();
        });
        // A room message is never taken for a dialog message.
        assertThat(messages.find(first)).isEmpty();
    }

    @Test
    void aMessageBelongsToExactlyOneDialogOrRoom() {
        assertThatThrownBy(() -> jdbc.sql("insert into chat_message (sender_id, text, created, modified)"
                                + " values (?, 'orphan', ?, ?)")
                        .params(alice, NOW, NOW)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
