package org.parley.chat.message;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The persistence contract on the real PostgreSQL at 127.0.0.1:5432 (trust auth, user postgres): a database
 * of its own, {@code parley_test_<random>}, created for this class and dropped after. Fails, never skips,
 * when PostgreSQL is not there.
 */
class ChatPersistencePostgresTest extends ChatPersistenceContract {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private final String database =
            "parley_test_" + UUID.randomUUID().toString().replace("-", "");

    @Override
    String createDatabase() {
        try (Connection admin = DriverManager.getConnection(SERVER + "test", "postgres", "")) {
            admin.createStatement().execute("create database " + database);
        } catch (SQLException e) {
            throw new AssertionError(
                    "PostgreSQL at 127.0.0.1:5432 (user postgres, database test) is needed for this test and could"
                            + " not be reached or used: " + e.getMessage(),
                    e);
        }
        return SERVER + database;
    }

    @Override
    String databaseUser() {
        return "postgres";
    }

    @Override
    void dropDatabase() {
        try (Connection admin = DriverManager.getConnection(SERVER + "test", "postgres", "")) {
            admin.createStatement().execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            throw new AssertionError("Could not drop the test database " + database + ": " + e.getMessage(), e);
        }
    }
}
