package org.parley.chat.message;

import javax.sql.DataSource;
import org.parley.chat.support.H2Databases;

/** The persistence contract on H2 in PostgreSQL mode (the embedded default). */
class ChatPersistenceH2Test extends ChatPersistenceContract {

    @Override
    DataSource freshDatabase() {
        return H2Databases.fresh("parley-");
    }
}
