package org.parley.chat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.chat.broker.Topic;
import org.parley.chat.dialog.Dialog;
import org.parley.chat.dialog.DialogAccess;
import org.parley.chat.dialog.DialogRepository;
import org.parley.chat.dialog.DialogService;
import org.parley.chat.dialog.DialogSummary;
import org.parley.chat.event.DialogCreated;
import org.parley.chat.event.MessageCreated;
import org.parley.chat.event.MessageRead;
import org.parley.chat.room.RoomAccess;
import org.parley.chat.room.RoomRepository;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.support.SchemaPools;
import org.parley.chat.system.ChatClock;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.chat.user.ChatUserIds;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dialogs and messages through their services and repositories on a real database: H2 in PostgreSQL mode
 * and the real PostgreSQL run the same tests (the subclasses). One database per class; each test makes
 * its own users, so tests never see each other's rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChatPersistenceContract {

    private static final AtomicInteger NAMES = new AtomicInteger();

    HikariDataSource dataSource;
    JdbcClient jdbc;
    ChatUserIds ids;
    Map<String, ChatUser> known = new ConcurrentHashMap<>();
    RecordingBroker broker;
    DialogRepository dialogRepository;
    DialogService dialogs;
    MessageRepository messageRepository;
    MessageService messages;
    MessageBatcher writer;
    ChatClock clock;

    /** A data source on an empty database of its own for this class; the contract pools it. */
    abstract DataSource freshDatabase();

    /** Drops what {@link #freshDatabase} made, once the pool is closed. */
    void dropDatabase() throws SQLException {}

    @BeforeAll
    void database() {
        dataSource = SchemaPools.withSchema(freshDatabase(), 6);
        jdbc = JdbcClient.create(dataSource);
        ids = new ChatUserIds(jdbc);
        ParleyProperties properties =
                new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("parley", ParleyProperties.class);
        clock = new ChatClock(properties);
        var tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ChatUserDirectory directory = new ChatUserDirectory() {
            @Override
            public Optional<ChatUser> findByUsername(String username) {
                return Optional.ofNullable(known.get(username));
            }

            @Override
            public Optional<ChatUser> findById(long id) {
                return known.values().stream().filter(u -> u.id() == id).findFirst();
            }

            @Override
            public List<ChatUser> search(String prefix, int limit) {
                return List.of();
            }
        };
        broker = new RecordingBroker();
        dialogRepository = new DialogRepository(jdbc);
        var access = new DialogAccess(dialogRepository);
        dialogs = new DialogService(dialogRepository, access, directory, broker, clock);
        messageRepository = new MessageRepository(jdbc);
        writer = new MessageBatcher(new JdbcTemplate(dataSource), tx, 2, 100, 1000, 2000);
        messages = new MessageService(
                messageRepository,
                dialogs,
                access,
                new RoomAccess(new RoomRepository(jdbc)),
                dialogRepository,
                broker,
                clock,
                tx,
                writer,
                properties);
    }

    @AfterAll
    void close() throws SQLException {
        if (writer != null) {
            writer.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
        dropDatabase();
    }

    @BeforeEach
    void forgetEvents() {
        broker.onPublish(event -> {});
        broker.clear();
    }

    ChatUser user(String name) {
        return user(name, false);
    }

    ChatUser user(String name, boolean staff) {
        String username = name + "-" + NAMES.incrementAndGet();
        var user = new ChatUser(ids.idOf(username), username, username, staff);
        known.put(username, user);
        return user;
    }

    @Test
    void thereIsOneDialogPerPairWhateverTheDirection() {
        ChatUser alice = user("alice");
        ChatUser bob = user("bob");

        Dialog started = dialogs.getOrCreate(alice, bob);
        Dialog reverse = dialogs.getOrCreate(bob, alice);

        assertThat(reverse.id()).isEqualTo(started.id());
        assertThat(started.ownerId()).isEqualTo(alice.id());
        assertThat(started.opponentId()).isEqualTo(bob.id());
        assertThat(broker.of(DialogCreated.class))
                .singleElement()
                .satisfies(p ->
                        assertThat(p.topics()).containsExactlyInAnyOrder(Topic.user(alice.id()), Topic.user(bob.id())));

        // The database itself refuses the reverse pair, a pair out of order, and a dialog with oneself.
        var now = clock.now();
        assertThatThrownBy(() -> dialogRepository.insert(bob.id(), alice.id(), now))
                .isInstanceOf(DataIntegrityViolationException.class);
        long low = Math.min(alice.id(), bob.id());
        long high = Math.max(alice.id(), bob.id());
        assertThatThrownBy(() -> jdbc.sql("insert into dialog (owner_id, opponent_id, user_low, user_high, created,"
                                + " modified) values (?, ?, ?, ?, ?, ?)")
                        .params(bob.id(), alice.id(), high, low, now, now)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("insert into dialog (owner_id, opponent_id, user_low, user_high, created,"
                                + " modified) values (?, ?, ?, ?, ?, ?)")
                        .params(alice.id(), alice.id(), alice.id(), alice.id(), now, now)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.sql("select count(*) from dialog where user_low = ? and user_high = ?")
                        .params(low, high)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // Each one's partner, from either side of the dialog, also for several users at once (presence).
        ChatUser carol = user("carol");
        dialogs.getOrCreate(carol, alice);
        assertThat(dialogRepository.partnersOf(alice.id())).containsExactlyInAnyOrder(bob.id(), carol.id());
        assertThat(dialogRepository.partnersOf(Set.of(alice.id(), bob.id(), -1L)))
                .containsOnlyKeys(alice.id(), bob.id())
                .satisfies(partners -> {
                    assertThat(partners.get(alice.id())).containsExactlyInAnyOrder(bob.id(), carol.id());
                    assertThat(partners.get(bob.id())).containsExactly(alice.id());
                });
    }

    @Test
    void twoUsersStartingTheirDialogAtOnceGetTheSameOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                ChatUser alice = user("alice");
                ChatUser bob = user("bob");
                var barrier = new CyclicBarrier(2);
                Future<Dialog> one = pool.submit(() -> {
                    barrier.await();
                    return dialogs.getOrCreate(alice, bob);
                });
                Future<Dialog> two = pool.submit(() -> {
                    barrier.await();
                    return dialogs.getOrCreate(bob, alice);
                });
                assertThat(one.get().id()).isEqualTo(two.get().id());
            }
        } finally {
            pool.shutdownNow();
        }
        // Exactly one announcement per dialog.
        assertThat(broker.of(DialogCreated.class)).hasSize(10);
    }

    @Test
    void aMessageIsCommittedBeforeAnyoneIsTold() {
        ChatUser alice = user("alice");
        ChatUser bob = user("bob");
        List<Long> visibleAtPublish = new ArrayList<>();
        // Published events are checked from another connection: only committed rows are visible there.
        broker.onPublish(event -> {
            if (event instanceof MessageCreated m) {
                visibleAtPublish.add(jdbc.sql("select count(*) from chat_message where id = ?")
                        .param(m.messageId())
                        .query(Long.class)
                        .single());
            }
        });

        ChatMessage sent = messages.send(alice, bob.username(), "hello", "c-1");

        assertThat(visibleAtPublish).containsExactly(1L);
        List<RecordingBroker.Published> created = broker.of(MessageCreated.class);
        assertThat(created).singleElement().satisfies(p -> {
            assertThat(p.topics()).containsExactlyInAnyOrder(Topic.user(alice.id()), Topic.user(bob.id()));
            MessageCreated event = (MessageCreated) p.event();
            assertThat(event.messageId()).isEqualTo(sent.id());
            assertThat(event.clientId()).isEqualTo("c-1");
            assertThat(event.recipientUsername()).isEqualTo(bob.username());
        });
        // The dialog was announced before its first message.
        assertThat(broker.all())
                .extracting(p -> p.event().getClass().getSimpleName())
                .containsExactly("DialogCreated", "MessageCreated");
    }

    @Test
    void removedMessagesAreHiddenFromUsersButKept() {
        ChatUser alice = user("alice");
        ChatUser bob = user("bob");
        ChatUser staff = user("staff", true);
        long first = messages.send(alice, bob.username(), "first", null).id();
        long removed = messages.send(alice, bob.username(), "regrettable", null).id();
        long last = messages.send(alice, bob.username(), "last", null).id();
        long dialog = dialogs.getOrCreate(alice, bob).id();

        messages.setRemoved(staff, removed, true);

        MessagePage page = messages.history(bob, dialog, null, null, null);
        assertThat(page.messages()).extracting(ChatMessage::id).containsExactly(first, last);
        assertThat(messages.history(bob, dialog, last, null, 1).messages())
                .extracting(ChatMessage::id)
                .containsExactly(first);
        assertThat(messages.history(bob, dialog, null, first, 1).messages())
                .extracting(ChatMessage::id)
                .containsExactly(last);
        assertThat(messageRepository.find(removed)).isEmpty();
        // Kept, text and all.
        assertThat(jdbc.sql("select text from chat_message where id = ? and is_removed")
                        .param(removed)
                        .query(String.class)
                        .single())
                .isEqualTo("regrettable");
        // Not counted as unread, and cannot be marked read.
        assertThat(summaryWith(bob, alice).unread()).isEqualTo(2);
        assertThatThrownBy(() -> messages.markRead(bob, removed))
                .isInstanceOfSatisfying(
                        ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_NOT_FOUND));

        messages.setRemoved(staff, removed, false);
        assertThat(messages.history(bob, dialog, null, null, null).messages()).hasSize(3);
    }

    @Test
    void eachMessageMovesItsDialogToTheTopOfTheList() {
        ChatUser alice = user("alice");
        ChatUser bob = user("bob");
        ChatUser carol = user("carol");
        ChatUser dave = user("dave");
        messages.send(alice, bob.username(), "1", null);
        messages.send(alice, carol.username(), "2", null);
        messages.send(dave, alice.username(), "3", null);
        assertThat(dialogs.dialogsOf(alice))
                .extracting(DialogSummary::otherUsername)
                .containsExactly(dave.username(), carol.username(), bob.username());

        ChatMessage latest = messages.send(bob, alice.username(), "4", null);

        List<DialogSummary> list = dialogs.dialogsOf(alice);
        assertThat(list)
                .extracting(DialogSummary::otherUsername)
                .containsExactly(bob.username(), dave.username(), carol.username());
        assertThat(list.get(0).modified()).isEqualTo(latest.created());
        Dialog dialog = dialogs.getOrCreate(alice, bob);
        assertThat(dialog.modified()).isEqualTo(latest.created()).isAfter(dialog.created());
    }

    @Test
    void unreadCountsAreTheOtherUsersUnreadMessages() {
        ChatUser alice = user("alice");
        ChatUser bob = user("bob");
        long m1 = messages.send(bob, alice.username(), "1", null).id();
        messages.send(bob, alice.username(), "2", null);
        messages.send(bob, alice.username(), "3", null);
        long own = messages.send(alice, bob.username(), "mine", null).id();

        assertThat(summaryWith(alice, bob).unread()).isEqualTo(3);
        assertThat(summaryWith(bob, alice).unread()).isEqualTo(1);

        messages.markRead(alice, m1);
        messages.markRead(alice, m1);

        assertThat(summaryWith(alice, bob).unread()).isEqualTo(2);
        assertThat(broker.of(MessageRead.class)).singleElement().satisfies(p -> {
            // The sender for the receipt, the reader so that the reader's other tabs lower their counts.
            assertThat(p.topics()).containsExactly(Topic.user(bob.id()), Topic.user(alice.id()));
            assertThat(((MessageRead) p.event()).readerUsername()).isEqualTo(alice.username());
        });
        // One's own message is not one's to mark read, nor is a stranger's.
        ChatUser stranger = user("stranger");
        for (ChatUser notTheRecipient : List.of(alice, stranger)) {
            assertThatThrownBy(() -> messages.markRead(notTheRecipient, own))
                    .isInstanceOfSatisfying(
                            ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_NOT_FOUND));
        }
        assertThat(summaryWith(bob, alice).unread()).isEqualTo(1);
    }

    @Test
    void timesAreStoredAsUtcInstantsWhateverTheSessionZone() throws Exception {
        ChatUser alice = user("alice");
        ChatUser bob = user("bob");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ChatMessage sent = messages.send(alice, bob.username(), "what time is it?", null);

        assertThat(sent.created()).isBetween(before, Instant.now());
        BigDecimal epoch = jdbc.sql("select extract(epoch from created) from chat_message where id = ?")
                .param(sent.id())
                .query(BigDecimal.class)
                .single();
        assertThat(epoch.movePointRight(6).longValueExact())
                .isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, sent.created()));

        // A session in another zone reads the same instant.
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("set time zone 'Asia/Kathmandu'");
            try (var statement = connection.prepareStatement("select created from chat_message where id = ?")) {
                statement.setLong(1, sent.id());
                try (ResultSet rs = statement.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getObject(1, OffsetDateTime.class).toInstant())
                            .isEqualTo(sent.created());
                }
            }
            connection.createStatement().execute("set time zone 'UTC'");
        }
        assertThat(messages.history(bob, sent.dialogId(), null, null, null).messages())
                .singleElement()
                .extracting(ChatMessage::created)
                .isEqualTo(sent.created());
    }

    @Test
    void pagingCursorsWalkTheWholeHistoryWithoutGapsOrRepeats() {
        ChatUser alice = user("alice");
        ChatUser bob = user("bob");
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            all.add(messages.send(i % 2 == 0 ? alice : bob, (i % 2 == 0 ? bob : alice).username(), "m" + i, null)
                    .id());
        }
        long dialog = dialogs.getOrCreate(alice, bob).id();

        // Backwards, "load older", from the newest page.
        List<Long> backwards = new ArrayList<>();
        Long before = null;
        MessagePage page;
        do {
            page = messages.history(alice, dialog, before, null, 5);
            assertThat(page.messages().size()).isBetween(1, 5);
            backwards.addAll(0, page.messages().stream().map(ChatMessage::id).toList());
            before = page.messages().get(0).id();
        } while (page.hasMore());
        assertThat(backwards).containsExactlyElementsOf(all);

        // Forwards, "catch up after id X", from nothing.
        List<Long> forwards = new ArrayList<>();
        long after = 0;
        do {
            page = messages.history(bob, dialog, null, after, 7);
            forwards.addAll(page.messages().stream().map(ChatMessage::id).toList());
            after = forwards.get(forwards.size() - 1);
        } while (page.hasMore());
        assertThat(forwards).containsExactlyElementsOf(all);

        // Pages are oldest first; the limit is clamped to at least one; the last page says there is no more.
        assertThat(messages.history(alice, dialog, null, null, 0).messages())
                .extracting(ChatMessage::id)
                .containsExactly(all.get(22));
        MessagePage newest = messages.history(alice, dialog, null, null, 3);
        assertThat(newest.messages()).extracting(ChatMessage::id).containsExactlyElementsOf(all.subList(20, 23));
        assertThat(messages.history(alice, dialog, null, all.get(22), 3).messages())
                .isEmpty();
        assertThat(messages.history(alice, dialog, null, all.get(22), 3).hasMore())
                .isFalse();
    }

    @Test
    void onlyParticipantsReachADialog() {
        ChatUser alice = user("alice");
        ChatUser bob = user("bob");
        ChatUser mallory = user("mallory");
        long dialog = messages.send(alice, bob.username(), "private", null).dialogId();
        broker.clear();

        for (Runnable attempt : List.<Runnable>of(
                () -> messages.history(mallory, dialog, null, null, null),
                () -> messages.send(mallory, dialog, "let me in", null),
                () -> dialogs.typing(mallory, dialog),
                () -> messages.history(mallory, 999_999_999L, null, null, null))) {
            assertThatThrownBy(attempt::run)
                    .isInstanceOfSatisfying(
                            ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DIALOG_NOT_FOUND));
        }
        assertThat(broker.all()).isEmpty();
        assertThat(jdbc.sql("select count(*) from chat_message where dialog_id = ?")
                        .param(dialog)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private DialogSummary summaryWith(ChatUser me, ChatUser other) {
        return dialogs.dialogsOf(me).stream()
                .filter(s -> s.otherUserId() == other.id())
                .findFirst()
                .orElseThrow();
    }
}
