package org.parley.chat.message;

import javax.sql.DataSource;
import org.parley.chat.support.H2Databases;

class MessageBatcherH2Test extends MessageBatcherContract {

    @Override
    DataSource freshDatabase() {
        return H2Databases.fresh("batcher-");
    }

    @Override
    String sessionIdQuery() {
        return "select session_id()";
    }

    @Override
    String waitersQuery() {
        return "select count(*) from information_schema.sessions where blocker_id = ?";
    }
}
