package org.parley.chat.support;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A new in-memory H2 database in PostgreSQL mode (the embedded default's settings) for each call, the H2
 * counterpart of {@link PostgresSchemas}. It is kept until the JVM exits, as an unpooled data source closes
 * its connection after every use; the test databases are small.
 */
public final class H2Databases {

    private H2Databases() {}

    /** @param prefix start of the database's name, e.g. {@code rooms-} */
    public static DataSource fresh(String prefix) {
        return new SimpleDriverDataSource(
                new org.h2.Driver(),
                "jdbc:h2:mem:" + prefix + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "sa",
                "");
    }
}
