package org.parley.chat.system;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings Parley's own tables up to date at start-up with Flyway, in a history table of its own
 * ({@code parley_schema_history}), so a host application's migrations and Parley's never mix.
 * Repositories take this bean as a constructor argument: that is what makes the migration run first.
 */
public class ParleySchema {

    private static final Logger log = LoggerFactory.getLogger(ParleySchema.class);

    public ParleySchema(DataSource dataSource) {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/parley")
                .javaMigrations(new MessageForeignKeysDropped())
                .table("parley_schema_history")
                // The schema may already hold the host's tables: start Parley's history from nothing.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        log.info(
                "Parley schema at version {} ({} migrations applied now)",
                result.targetSchemaVersion,
                result.migrationsExecuted);
    }
}
