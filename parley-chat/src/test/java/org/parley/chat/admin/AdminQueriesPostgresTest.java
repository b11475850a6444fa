package org.parley.chat.admin;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The same contract on the real PostgreSQL at 127.0.0.1:5432: a new database for this run (dropped after),
 * with a new schema for each test.
 */
class AdminQueriesPostgresTest extends AdminQueriesContract {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static String database;

    @Override
    DataSource freshDatabase() {
        String schema = "s_" + UUID.randomUUID().toString().replace("-", "");
        try {
            if (database == null) {
                String name = "parley_admin_" + UUID.randomUUID().toString().replace("-", "");
                try (Connection admin = DriverManager.getConnection(SERVER + "test", "postgres", "")) {
                    admin.createStatement().execute("create database " + name);
                }
                database = name;
            }
            try (Connection db = DriverManager.getConnection(SERVER + database, "postgres", "")) {
                db.createStatement().execute("create schema " + schema);
            }
        } catch (SQLException e) {
            throw new AssertionError(
                    "PostgreSQL at 127.0.0.1:5432 (user postgres, database test) is needed for this test: " + e, e);
        }
        return new SimpleDriverDataSource(
                new org.postgresql.Driver(), SERVER + database + "?currentSchema=" + schema, "postgres", "");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database == null) {
            return;
        }
        try (Connection admin = DriverManager.getConnection(SERVER + "test", "postgres", "")) {
            admin.createStatement().execute("drop database if exists " + database + " with (force)");
        }
        database = null;
    }
}
