package org.parley.chat.room;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

class RoomPersistenceH2Test extends RoomPersistenceContract {

    @Override
    DataSource freshDatabase() {
        return new SimpleDriverDataSource(
                new org.h2.Driver(),
                "jdbc:h2:mem:rooms-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "sa",
                "");
    }
}
