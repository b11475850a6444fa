package org.parley.chat.message;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.parley.chat.support.PostgresSchemas;

/**
 * The persistence contract on the real PostgreSQL at 127.0.0.1:5432: a new database for this class (dropped
 * after). Fails, never skips, when PostgreSQL is not there.
 */
class ChatPersistencePostgresTest extends ChatPersistenceContract {

    private static final PostgresSchemas POSTGRES = new PostgresSchemas("parley_test_");

    @Override
    DataSource freshDatabase() {
        return POSTGRES.freshSchema();
    }

    @Override
    void dropDatabase() throws SQLException {
        POSTGRES.drop();
    }
}
