package org.parley.chat.message;

import java.util.UUID;

class MessageBatcherH2Test extends MessageBatcherContract {

    @Override
    String jdbcUrl() {
        return "jdbc:h2:mem:batcher-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    @Override
    String user() {
        return "sa";
    }
}
