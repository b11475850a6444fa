package org.parley.chat.user;

import javax.sql.DataSource;
import org.parley.chat.support.H2Databases;

class ChatUserIdsH2Test extends ChatUserIdsContract {

    @Override
    DataSource freshDatabase() {
        return H2Databases.fresh("chat-ids-");
    }
}
