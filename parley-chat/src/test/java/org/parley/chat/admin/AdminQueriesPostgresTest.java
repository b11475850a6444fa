package org.parley.chat.admin;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.parley.chat.support.PostgresSchemas;

/**
 * The same contract on the real PostgreSQL at 127.0.0.1:5432: a new database for this run (dropped after),
 * with a new schema for each test.
 */
class AdminQueriesPostgresTest extends AdminQueriesContract {

    private static final PostgresSchemas POSTGRES = new PostgresSchemas("parley_admin_");

    @Override
    DataSource freshDatabase() {
        return POSTGRES.freshSchema();
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        POSTGRES.drop();
    }
}
