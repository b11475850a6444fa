package org.parley.chat.message;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;

/** Needs the PostgreSQL at 127.0.0.1:5432 (trust auth); fails, not skips, when it is not there. */
class MessageBatcherPostgresTest extends MessageBatcherContract {

    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/test";
    private final String database = "parley_batcher_" + System.nanoTime();

    @Override
    String jdbcUrl() {
        try (var admin = DriverManager.getConnection(ADMIN, "postgres", "")) {
            admin.createStatement().execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is not reachable: " + e.getMessage(), e);
        }
        return "jdbc:postgresql://127.0.0.1:5432/" + database;
    }

    @Override
    String user() {
        return "postgres";
    }

    @AfterAll
    void dropDatabase() throws SQLException {
        try (var admin = DriverManager.getConnection(ADMIN, "postgres", "")) {
            admin.createStatement().execute("drop database if exists " + database + " with (force)");
        }
    }
}
