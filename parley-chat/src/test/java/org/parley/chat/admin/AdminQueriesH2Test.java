package org.parley.chat.admin;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

class AdminQueriesH2Test extends AdminQueriesContract {

    @Override
    DataSource freshDatabase() {
        return new SimpleDriverDataSource(
                new org.h2.Driver(),
                "jdbc:h2:mem:admin-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "sa",
                "");
    }
}
