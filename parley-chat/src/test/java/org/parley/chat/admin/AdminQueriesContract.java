package org.parley.chat.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.chat.broker.InMemoryChatBroker;
import org.parley.chat.dialog.DialogRepository;
import org.parley.chat.message.MessageRepository;
import org.parley.chat.presence.InMemoryPresenceStore;
import org.parley.chat.presence.PresenceService;
import org.parley.chat.room.RoomRepository;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.system.ParleySchema;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserIds;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The admin's queries (filters, keyset and offset paging, the audit log) against each database Parley
 * supports, by the subclasses; each test gets a fresh schema.
 */
abstract class AdminQueriesContract {

    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);

    JdbcClient jdbc;
    MessageRepository messages;
    AdminMessages adminMessages;
    AdminDialogs adminDialogs;
    AdminRooms adminRooms;
    AuditLog audit;
    PresenceService presence;
    long ann;
    long ben;
    long cy;
    long annBen;
    long annCy;
    long lobby;

    abstract DataSource freshDatabase();

    @BeforeEach
    void fill() {
        DataSource dataSource = freshDatabase();
        new ParleySchema(dataSource);
        jdbc = JdbcClient.create(dataSource);
        messages = new MessageRepository(jdbc);
        var properties =
                new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("parley", ParleyProperties.class);
        presence = new PresenceService(new InMemoryPresenceStore(), List.of(), new InMemoryChatBroker());
        adminMessages = new AdminMessages(jdbc);
        adminDialogs = new AdminDialogs(jdbc);
        adminRooms = new AdminRooms(jdbc, presence);
        audit = new AuditLog(jdbc, new ChatClock(properties));
        var ids = new ChatUserIds(jdbc);
        ann = ids.idOf("ann");
        ben = ids.idOf("ben");
        cy = ids.idOf("cy");
        var dialogs = new DialogRepository(jdbc);
        annBen = dialogs.insert(ann, ben, NOW.minusDays(10)).id();
        annCy = dialogs.insert(cy, ann, NOW.minusDays(2)).id();
        dialogs.touch(annCy, NOW);
        lobby = new RoomRepository(jdbc).insert("Lobby", "lobby", false, NOW).id();
    }

    private long dialogMessage(long dialog, long sender, String text, OffsetDateTime at) {
        return messages.insert(dialog, sender, text, at);
    }

    @Test
    void messagesFilterByEveryFieldNewestFirst() {
        long old = dialogMessage(annBen, ann, "an old hello", NOW.minusDays(9));
        long percent = dialogMessage(annBen, ben, "100% sure_thing", NOW.minusDays(1));
        long other = dialogMessage(annCy, cy, "HELLO from cy", NOW);
        long room = messages.insertRoomMessage(lobby, ben, "hello lobby", NOW);
        messages.setRemoved(percent, true, NOW);

        assertThat(ids(MessageFilter.ALL)).containsExactly(room, other, percent, old);
        assertThat(ids(new MessageFilter(annBen, null, null, TimeRange.ANY, null, null)))
                .containsExactly(percent, old);
        assertThat(ids(new MessageFilter(null, lobby, null, TimeRange.ANY, null, null)))
                .containsExactly(room);
        assertThat(ids(new MessageFilter(null, null, "ben", TimeRange.ANY, null, null)))
                .containsExactly(room, percent);
        assertThat(ids(new MessageFilter(null, null, "nobody", TimeRange.ANY, null, null)))
                .isEmpty();
        assertThat(ids(new MessageFilter(null, null, null, TimeRange.ANY, true, null)))
                .containsExactly(percent);
        assertThat(ids(new MessageFilter(null, null, null, TimeRange.ANY, false, null)))
                .containsExactly(room, other, old);
        assertThat(ids(new MessageFilter(null, null, null, TimeRange.ANY, null, "hello")))
                .containsExactly(room, other, old);
        // LIKE's wildcards in the search are plain characters.
        assertThat(ids(new MessageFilter(null, null, null, TimeRange.ANY, null, "0% s")))
                .containsExactly(percent);
        assertThat(ids(new MessageFilter(null, null, null, TimeRange.ANY, null, "m_c")))
                .isEmpty();
        Instant from = NOW.minusDays(9).minusHours(1).toInstant();
        Instant until = NOW.minusDays(1).plusHours(1).toInstant();
        assertThat(ids(new MessageFilter(null, null, null, new TimeRange(from, until), null, null)))
                .containsExactly(percent, old);

        AdminMessage shown = adminMessages.require(room);
        assertThat(shown.roomId()).isEqualTo(lobby);
        assertThat(shown.dialogId()).isNull();
        assertThat(shown.senderUsername()).isEqualTo("ben");
        assertThat(adminMessages.require(percent).removed()).isTrue();
    }

    @Test
    void messagePagesFollowTheirCursorsBothWays() {
        List<Long> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            sent.add(dialogMessage(annBen, ann, "m" + i, NOW));
        }
        var first = adminMessages.list(MessageFilter.ALL, null, null, 3);
        assertThat(first.items()).extracting(AdminMessage::id).containsExactly(sent.get(6), sent.get(5), sent.get(4));
        assertThat(first.newerCursor()).isNull();
        var second = adminMessages.list(MessageFilter.ALL, first.olderCursor(), null, 3);
        assertThat(second.items()).extracting(AdminMessage::id).containsExactly(sent.get(3), sent.get(2), sent.get(1));
        var last = adminMessages.list(MessageFilter.ALL, second.olderCursor(), null, 3);
        assertThat(last.items()).extracting(AdminMessage::id).containsExactly(sent.get(0));
        assertThat(last.olderCursor()).isNull();
        var back = adminMessages.list(MessageFilter.ALL, null, last.newerCursor(), 3);
        assertThat(back.items()).extracting(AdminMessage::id).containsExactly(sent.get(3), sent.get(2), sent.get(1));
        assertThat(back.newerCursor()).isEqualTo(sent.get(3));
    }

    @Test
    void dialogsFilterByParticipantAndTimesAndPageByOffset() {
        assertThat(adminDialogs.list(DialogFilter.ALL, 0, 10).items())
                .extracting(AdminDialog::id)
                .containsExactly(annCy, annBen);
        assertThat(adminDialogs
                        .list(new DialogFilter("ben", TimeRange.ANY, TimeRange.ANY), 0, 10)
                        .items())
                .extracting(AdminDialog::id)
                .containsExactly(annBen);
        var created =
                new TimeRange(NOW.minusDays(11).toInstant(), NOW.minusDays(5).toInstant());
        assertThat(adminDialogs
                        .list(new DialogFilter(null, created, TimeRange.ANY), 0, 10)
                        .items())
                .extracting(AdminDialog::id)
                .containsExactly(annBen);
        var modified = new TimeRange(NOW.minusHours(1).toInstant(), null);
        assertThat(adminDialogs
                        .list(new DialogFilter("ann", TimeRange.ANY, modified), 0, 10)
                        .items())
                .extracting(AdminDialog::id)
                .containsExactly(annCy);
        var page = adminDialogs.list(DialogFilter.ALL, 0, 1);
        assertThat(page.hasNext()).isTrue();
        var next = adminDialogs.list(DialogFilter.ALL, 1, 1);
        assertThat(next.items()).extracting(AdminDialog::id).containsExactly(annBen);
        assertThat(next.hasNext()).isFalse();
        assertThat(adminDialogs.require(annCy).ownerUsername()).isEqualTo("cy");
    }

    @Test
    void roomsListWithMembersAndWhoIsOnline() {
        var repository = new RoomRepository(jdbc);
        repository.insert("attic", "attic", true, NOW);
        repository.addMember(lobby, ann, NOW);
        repository.addMember(lobby, ben, NOW);
        presence.connected(new ChatUser(ben, "ben", "ben", false), "c-1");

        assertThat(adminRooms.list(null, 0, 10).items())
                .extracting(AdminRoom::title)
                .containsExactly("attic", "Lobby");
        assertThat(adminRooms.list("LOB", 0, 10).items())
                .extracting(AdminRoom::members)
                .containsExactly(2L);
        assertThat(adminRooms.members(lobby, 0, 10).items())
                .extracting(AdminRoomMember::username, AdminRoomMember::online)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ann", false),
                        org.assertj.core.groups.Tuple.tuple("ben", true));
        repository.markDeleted(lobby, NOW);
        assertThat(adminRooms.list(null, 0, 10).items())
                .extracting(AdminRoom::title)
                .containsExactly("attic");
    }

    @Test
    void theAuditLogPagesNewestFirstAndFilters() {
        var staff = new ChatUser(ann, "ann", "ann", true);
        for (int i = 0; i < 5; i++) {
            audit.record(staff, AdminAction.MESSAGE_REMOVED, "message", i, null);
            audit.record(staff, AdminAction.ROOM_RENAMED, "room", lobby, "x".repeat(2000));
        }
        var page = audit.page("ann", "message.removed", null, null, 3);
        assertThat(page.items()).extracting(AuditEntry::targetId).containsExactly("4", "3", "2");
        assertThat(audit.page("ann", "message.removed", page.olderCursor(), null, 3)
                        .items())
                .extracting(AuditEntry::targetId)
                .containsExactly("1", "0");
        assertThat(audit.page("ben", null, null, null, 3).items()).isEmpty();
        assertThat(audit.page(null, "room.renamed", null, null, 1)
                        .items()
                        .get(0)
                        .detail())
                .hasSize(1000);
    }

    private List<Long> ids(MessageFilter filter) {
        return adminMessages.list(filter, null, null, 50).items().stream()
                .map(AdminMessage::id)
                .toList();
    }
}
