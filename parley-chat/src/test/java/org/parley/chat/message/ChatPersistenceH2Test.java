package org.parley.chat.message;

import java.util.UUID;

/** The persistence contract on H2 in PostgreSQL mode (the embedded default). */
class ChatPersistenceH2Test extends ChatPersistenceContract {

    @Override
    String createDatabase() {
        // No DB_CLOSE_DELAY: the database lives as long as the pool's connections, and goes with them.
        return "jdbc:h2:mem:parley-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    @Override
    String databaseUser() {
        return "sa";
    }

    @Override
    void dropDatabase() {}
}
