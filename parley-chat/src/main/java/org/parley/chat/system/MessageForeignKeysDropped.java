package org.parley.chat.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 7: drops the foreign keys of {@code chat_message} (to its dialog, its room and its sender).
 *
 * <p>Why: every stored message ran one trigger per key, each a query that also locked the referenced row
 * (the sender's {@code chat_user} row too, so two writers storing messages of one user queued on it); on
 * PostgreSQL that was about a quarter of the database's time per message (docs/performance.md, "Fifth
 * round"). The message writer now checks the same thing itself, in the statement that inserts: a message
 * whose dialog, room or sender does not exist is refused (see {@code BatchSql}). Parley never deletes a
 * dialog, a room or a user (rooms and users are deactivated), which is all a foreign key would still have
 * guarded against.
 *
 * <p>In Java because the keys were declared inline in migration 1 and 3, so each database named them its
 * own way: they are looked up by table.
 */
public final class MessageForeignKeysDropped implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("7");
    }

    @Override
    public String getDescription() {
        return "chat message without foreign keys";
    }

    @Override
    public Integer getChecksum() {
        return 7;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        List<String> keys = new ArrayList<>();
        try (var query = connection.prepareStatement("select constraint_name from information_schema.table_constraints"
                + " where lower(table_name) = 'chat_message' and constraint_type = 'FOREIGN KEY'"
                + " and table_schema = current_schema")) {
            try (var rs = query.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        try (var drop = connection.createStatement()) {
            for (String key : keys) {
                drop.execute("alter table chat_message drop constraint \"" + key.replace("\"", "\"\"") + "\"");
            }
        }
    }
}
