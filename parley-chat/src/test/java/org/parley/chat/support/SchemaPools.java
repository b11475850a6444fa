package org.parley.chat.support;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.parley.chat.system.ParleySchema;

/** The persistence contracts' database: a pool over a fresh, empty database, with Parley's schema migrated. */
public final class SchemaPools {

    private SchemaPools() {}

    public static HikariDataSource withSchema(DataSource fresh, int maxPoolSize) {
        var pool = new HikariDataSource();
        pool.setDataSource(fresh);
        pool.setMaximumPoolSize(maxPoolSize);
        new ParleySchema(pool);
        return pool;
    }
}
