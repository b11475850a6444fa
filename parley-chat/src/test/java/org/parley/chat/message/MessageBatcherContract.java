package org.parley.chat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.support.SchemaPools;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit against a real database: the H2 and PostgreSQL subclasses supply the connection. Every
 * id a sender gets back must already be committed (visible from another connection) and belong to that
 * sender's own row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MessageBatcherContract {

    /** As many writer lanes as a node has by default. */
    private static final int LANES = 2;

    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private MessageBatcher batcher;
    private long alice;
    private long bob;
    private long dialog;
    private long otherDialog;
    private final ExecutorService senders = Executors.newFixedThreadPool(32);

    /** A data source on an empty database of its own for this class; the contract pools it. */
    abstract DataSource freshDatabase();

    /** Drops what {@link #freshDatabase} made, once the pool is closed. */
    void dropDatabase() throws SQLException {}

    /** This database's id of the session running it (the holder of a {@link RowLock}). */
    abstract String sessionIdQuery();

    /** How many sessions wait for a lock held by the session whose id is the parameter. */
    abstract String waitersQuery();

    @BeforeAll
    void database() {
        dataSource = SchemaPools.withSchema(freshDatabase(), 8);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.update("insert into chat_user (username) values ('alice'), ('bob')");
        alice = jdbc.queryForObject("select id from chat_user where username = 'alice'", Long.class);
        bob = jdbc.queryForObject("select id from chat_user where username = 'bob'", Long.class);
        dialog = insertDialog(alice, bob);
        jdbc.update("insert into chat_user (username) values ('carol')");
        long carol = jdbc.queryForObject("select id from chat_user where username = 'carol'", Long.class);
        otherDialog = insertDialog(alice, carol);
    }

    /** A dialog last touched a day ago; returns its id. */
    private long insertDialog(long owner, long opponent) {
        var old = now().minusDays(1);
        jdbc.update(
                "insert into dialog (owner_id, opponent_id, user_low, user_high, created, modified)"
                        + " values (?, ?, ?, ?, ?, ?)",
                owner,
                opponent,
                Math.min(owner, opponent),
                Math.max(owner, opponent),
                old,
                old);
        return jdbc.queryForObject(
                "select id from dialog where owner_id = ? and opponent_id = ?", Long.class, owner, opponent);
    }

    @BeforeEach
    void writer() {
        batcher = new MessageBatcher(jdbc, transactions(), LANES, 500, 1000, 2000);
    }

    private TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void stopWriter() {
        batcher.close();
    }

    @AfterAll
    void closeDatabase() throws SQLException {
        senders.shutdownNow();
        dataSource.close();
        dropDatabase();
    }

    @Test
    void concurrentSendersEachGetTheirOwnCommittedRowAndTheDialogIsTouched() throws Exception {
        int count = 400;
        var sent = now();
        List<CompletableFuture<long[]>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            results.add(CompletableFuture.supplyAsync(
                    () -> {
                        long id = batcher.store(
                                dialog, n % 2 == 0 ? alice : bob, "message " + n, sent.plusNanos(n * 1000L));
                        // Acknowledged means committed: a connection of its own sees the row at once.
                        String text =
                                jdbc.queryForObject("select text from chat_message where id = ?", String.class, id);
                        return new long[] {n, id, text.equals("message " + n) ? 1 : 0};
                    },
                    senders));
        }
        List<Long> ids = new ArrayList<>();
        for (var result : results) {
            long[] r = result.get(30, TimeUnit.SECONDS);
            assertThat(r[2]).as("row of message %d has its own text", r[0]).isEqualTo(1);
            ids.add(r[1]);
        }
        assertThat(ids).doesNotHaveDuplicates().hasSize(count);
        assertThat(batcher.batches()).as("batches for %d messages", count).isLessThanOrEqualTo(count);
        OffsetDateTime modified =
                jdbc.queryForObject("select modified from dialog where id = ?", OffsetDateTime.class, dialog);
        assertThat(modified.toInstant())
                .isEqualTo(sent.plusNanos((count - 1) * 1000L).toInstant());
    }

    @Test
    void twoNodesWritingToOneDialogNeverCommitALowerIdAfterAHigherOne() throws Exception {
        // A second writer like another node's: catch-up by id needs each dialog's ids visible in order.
        var otherNode = new MessageBatcher(jdbc, transactions(), LANES, 500, 1000, 2000);
        var gaps = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var done = new java.util.concurrent.atomic.AtomicBoolean();
        var snapshots = new java.util.concurrent.CopyOnWriteArrayList<List<Long>>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                snapshots.add(jdbc.queryForList(
                        "select id from chat_message where dialog_id = ? order by id", Long.class, dialog));
            }
        });
        reader.start();
        try {
            List<CompletableFuture<Long>> results = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                MessageBatcher node = i % 2 == 0 ? batcher : otherNode;
                int n = i;
                results.add(CompletableFuture.supplyAsync(
                        () -> node.store(dialog, n % 3 == 0 ? alice : bob, "ordered " + n, now()), senders));
            }
            for (var result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            done.set(true);
            reader.join();
            otherNode.close();
        }
        List<Long> all =
                jdbc.queryForList("select id from chat_message where dialog_id = ? order by id", Long.class, dialog);
        for (List<Long> seen : snapshots) {
            if (seen.isEmpty()) {
                continue;
            }
            long highest = seen.get(seen.size() - 1);
            List<Long> due = all.stream().filter(id -> id <= highest).toList();
            if (!seen.equals(due)) {
                gaps.add("saw up to " + highest + " but not "
                        + due.stream().filter(id -> !seen.contains(id)).toList());
            }
        }
        assertThat(gaps)
                .as("snapshots (of %d) with a lower id committed later", snapshots.size())
                .isEmpty();
    }

    @Test
    void messagesWaitingTogetherAreWrittenWithOneCommit() throws Exception {
        CompletableFuture<Long> first;
        List<CompletableFuture<Long>> waiting = new ArrayList<>();
        try (var lock = new RowLock(dialog)) {
            first = batcher.submit(dialog, alice, "first", now());
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(lock::writerWaits);
            // The writer is now inside the first batch's transaction: everything sent meanwhile queues up.
            for (int i = 0; i < 20; i++) {
                waiting.add(batcher.submit(dialog, bob, "queued " + i, now()));
            }
            assertThat(batcher.queued()).isEqualTo(20);
            assertThat(waiting).noneMatch(CompletableFuture::isDone);
        }

        first.get(10, TimeUnit.SECONDS);
        for (var w : waiting) {
            w.get(10, TimeUnit.SECONDS);
        }
        assertThat(batcher.batches()).isEqualTo(2);
    }

    @Test
    void aBadMessageFailsAloneAndTheOthersOfItsBatchAreStored() throws Exception {
        CompletableFuture<Long> first;
        CompletableFuture<Long> good1;
        CompletableFuture<Long> bad;
        CompletableFuture<Long> good2;
        try (var lock = new RowLock(dialog)) {
            first = batcher.submit(dialog, alice, "first", now());
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(lock::writerWaits);
            good1 = batcher.submit(dialog, alice, "good 1", now());
            // No such dialog, but the same lane as the others (lanes are chosen by conversation id).
            long missing = dialog + LANES * 1_000_000L;
            bad = batcher.submit(missing, alice, "no such dialog", now());
            good2 = batcher.submit(dialog, bob, "good 2", now());
            assertThat(batcher.queued()).isEqualTo(3);
        }

        first.get(10, TimeUnit.SECONDS);
        long id1 = good1.get(10, TimeUnit.SECONDS);
        long id2 = good2.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.queryForObject("select text from chat_message where id = ?", String.class, id1))
                .isEqualTo("good 1");
        assertThat(jdbc.queryForObject("select text from chat_message where id = ?", String.class, id2))
                .isEqualTo("good 2");
        assertThat(jdbc.queryForObject("select count(*) from chat_message where text = 'no such dialog'", Long.class))
                .isZero();
    }

    @Test
    void aConversationOnAnotherLaneIsStoredWhileOneLaneWaitsForItsDatabase() throws Exception {
        assertThat(Math.floorMod(otherDialog - dialog, LANES))
                .as("the two dialogs' lanes differ")
                .isNotZero();
        CompletableFuture<Long> held;
        try (var lock = new RowLock(dialog)) {
            held = batcher.submit(dialog, alice, "held", now());
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(lock::writerWaits);
            long id = batcher.submit(otherDialog, alice, "not held", now()).get(10, TimeUnit.SECONDS);
            assertThat(jdbc.queryForObject("select text from chat_message where id = ?", String.class, id))
                    .isEqualTo("not held");
            assertThat(held).isNotDone();
        }
        assertThat(held.get(10, TimeUnit.SECONDS)).isPositive();
    }

    @Test
    void submittingDoesNotWaitAndTheFutureCompletesOnTheWriterAfterTheCommit() throws Exception {
        CompletableFuture<Long> id;
        CompletableFuture<String> completedOn;
        try (var lock = new RowLock(dialog)) {
            id = batcher.submit(dialog, alice, "later", now());
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(lock::writerWaits);
            // The sender's thread is back while the write is still under way.
            assertThat(id).isNotDone();
            completedOn = id.thenApply(ignored -> Thread.currentThread().getName());
        }

        assertThat(completedOn.get(10, TimeUnit.SECONDS)).startsWith("parley-message-writer-");
        assertThat(batcher.batches()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select text from chat_message where id = ?", String.class, id.get()))
                .isEqualTo("later");
    }

    @Test
    void aMessageFromNoSuchSenderOrToNoSuchRoomIsRefusedAndLeavesNothingBehind() throws Exception {
        // The table has no foreign keys (migration 7): the writer refuses these itself.
        assertThat(jdbc.queryForObject(
                        "select count(*) from information_schema.table_constraints where lower(table_name) ="
                                + " 'chat_message' and constraint_type = 'FOREIGN KEY' and table_schema ="
                                + " current_schema",
                        Long.class))
                .isZero();
        var touchedBefore =
                jdbc.queryForObject("select modified from dialog where id = ?", OffsetDateTime.class, dialog);
        long nobody = alice + 1_000_000L;

        var fromNobody = batcher.submit(dialog, nobody, "from nobody", now());
        assertThatThrownBy(() -> fromNobody.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DataIntegrityViolationException.class);
        var toNoRoom = batcher.submitInRoom(1_000_000L, alice, "to no room", now());
        assertThatThrownBy(() -> toNoRoom.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DataIntegrityViolationException.class);

        assertThat(jdbc.queryForObject(
                        "select count(*) from chat_message where text in ('from nobody', 'to no room')", Long.class))
                .isZero();
        // The dialog's touch was in the same transaction as the refused insert: rolled back with it.
        assertThat(jdbc.queryForObject("select modified from dialog where id = ?", OffsetDateTime.class, dialog))
                .isEqualTo(touchedBefore);
    }

    @Test
    void aStoppedWriterRefusesNewMessagesAtOnce() {
        batcher.close();
        assertThatThrownBy(() -> batcher.submit(dialog, alice, "too late", now()))
                .isInstanceOfSatisfying(
                        ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * A dialog's row locked by a transaction of the test's own, as another node's writer or a slow database
     * would hold it: a writer touching that dialog waits in the database until {@link #close}.
     */
    private final class RowLock implements AutoCloseable {
        private final Connection connection;
        private final long holder;

        RowLock(long dialogId) throws SQLException {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (var lock = connection.prepareStatement("select id from dialog where id = ? for update")) {
                lock.setLong(1, dialogId);
                lock.executeQuery().close();
            }
            try (var id = connection.createStatement();
                    var rs = id.executeQuery(sessionIdQuery())) {
                rs.next();
                holder = rs.getLong(1);
            }
        }

        /** True once a writer waits for this lock. */
        boolean writerWaits() {
            return jdbc.queryForObject(waitersQuery(), Long.class, holder) > 0;
        }

        @Override
        public void close() throws SQLException {
            connection.rollback();
            connection.close();
        }
    }
}
