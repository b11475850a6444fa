package org.parley.chat.room;

import javax.sql.DataSource;
import org.parley.chat.support.H2Databases;

class RoomPersistenceH2Test extends RoomPersistenceContract {

    @Override
    DataSource freshDatabase() {
        return H2Databases.fresh("rooms-");
    }
}
