package org.parley.chat.message;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.parley.chat.support.PostgresSchemas;

/**
 * Group commit on the real PostgreSQL at 127.0.0.1:5432: a new database for this class (dropped after).
 * Fails, never skips, when PostgreSQL is not there.
 */
class MessageBatcherPostgresTest extends MessageBatcherContract {

    private static final PostgresSchemas POSTGRES = new PostgresSchemas("parley_batcher_");

    @Override
    DataSource freshDatabase() {
        return POSTGRES.freshSchema();
    }

    @Override
    String sessionIdQuery() {
        return "select pg_backend_pid()";
    }

    @Override
    String waitersQuery() {
        return "select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))";
    }

    @Override
    void dropDatabase() throws SQLException {
        POSTGRES.drop();
    }
}
