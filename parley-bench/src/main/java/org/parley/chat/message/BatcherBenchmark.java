package org.parley.chat.message;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.parley.chat.system.ParleySchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Storing messages from 32 concurrent senders, each waiting for its commit: through the group-commit
 * {@link MessageBatcher}, and one transaction per message as before it (insert, touch the dialog, commit).
 * Score: messages per second. {@code -p db=pg} uses the PostgreSQL at 127.0.0.1:5432 (a database of its
 * own, dropped afterwards), where each commit waits for the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@Threads(32)
public class BatcherBenchmark {

    @Param({"h2"})
    public String db;

    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private TransactionTemplate tx;
    private MessageBatcher batcher;
    private String pgDatabase;
    private long dialog;
    private long sender;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dataSource = new HikariDataSource();
        if (db.equals("pg")) {
            pgDatabase = "parley_jmh_" + System.nanoTime();
            try (var admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
                admin.createStatement().execute("create database " + pgDatabase);
            }
            dataSource.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/" + pgDatabase);
            dataSource.setUsername("postgres");
        } else {
            dataSource.setJdbcUrl("jdbc:h2:mem:jmh-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            dataSource.setUsername("sa");
        }
        dataSource.setPassword("");
        dataSource.setMaximumPoolSize(40);
        new ParleySchema(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.update("insert into chat_user (username) values ('alice'), ('bob')");
        long alice = jdbc.queryForObject("select id from chat_user where username = 'alice'", Long.class);
        long bob = jdbc.queryForObject("select id from chat_user where username = 'bob'", Long.class);
        var now = now();
        jdbc.update(
                "insert into dialog (owner_id, opponent_id, user_low, user_high, created, modified) values (?, ?, ?, ?, ?, ?)",
                alice,
                bob,
                Math.min(alice, bob),
                Math.max(alice, bob),
                now,
                now);
        dialog = jdbc.queryForObject("select id from dialog", Long.class);
        sender = alice;
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        batcher = new MessageBatcher(jdbc, tx, 2, 500, 10_000, 2_000);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        batcher.close();
        dataSource.close();
        if (pgDatabase != null) {
            try (var admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
                admin.createStatement().execute("drop database if exists " + pgDatabase + " with (force)");
            }
        }
    }

    @Benchmark
    public long groupCommit() {
        return batcher.store(dialog, sender, "a message of about seventy bytes, like the load generator's ones", now());
    }

    @Benchmark
    public long transactionPerMessage() {
        var now = now();
        return tx.execute(status -> {
            jdbc.update(
                    "insert into chat_message (dialog_id, sender_id, text, is_read, is_removed, created, modified)"
                            + " values (?, ?, ?, false, false, ?, ?)",
                    dialog,
                    sender,
                    "a message of about seventy bytes, like the load generator's ones",
                    now,
                    now);
            return (long) jdbc.update("update dialog set modified = ? where id = ?", now, dialog);
        });
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
