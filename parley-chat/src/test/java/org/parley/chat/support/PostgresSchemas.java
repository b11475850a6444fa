package org.parley.chat.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A database of its own on the real PostgreSQL at 127.0.0.1:5432 for one test class, created on first use
 * and dropped by {@link #drop}, with a new schema for each test. Fails (never skips) when PostgreSQL cannot be
 * reached, saying what is needed.
 */
public final class PostgresSchemas {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private final String prefix;
    private String database;

    /** @param prefix start of the database's name, e.g. {@code parley_rooms_} */
    public PostgresSchemas(String prefix) {
        this.prefix = prefix;
    }

    /** A data source on a new, empty schema of this class's database. */
    public synchronized DataSource freshSchema() {
        String schema = "s_" + UUID.randomUUID().toString().replace("-", "");
        try {
            if (database == null) {
                String name = prefix + UUID.randomUUID().toString().replace("-", "");
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

    /** Drops this class's database, if it was made. */
    public synchronized void drop() throws SQLException {
        if (database == null) {
            return;
        }
        try (Connection admin = DriverManager.getConnection(SERVER + "test", "postgres", "")) {
            admin.createStatement().execute("drop database if exists " + database + " with (force)");
        }
        database = null;
    }
}
