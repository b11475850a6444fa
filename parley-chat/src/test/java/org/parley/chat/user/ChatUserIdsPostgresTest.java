package org.parley.chat.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.parley.chat.support.PostgresSchemas;

/** {@link ChatUserIdsContract} on the real PostgreSQL at 127.0.0.1:5432, in a database of its own. */
class ChatUserIdsPostgresTest extends ChatUserIdsContract {

    private static final PostgresSchemas POSTGRES = new PostgresSchemas("parley_chat_ids_");

    @Override
    DataSource freshDatabase() {
        return POSTGRES.freshSchema();
    }

    @Override
    void dropDatabase() throws SQLException {
        POSTGRES.drop();
    }

    /** Waits on PostgreSQL's unique index for the other node's commit; H2 refuses the insert at once. */
    @Test
    void aUserAnotherNodeCreatesDuringTheInsertKeepsThatNodesId() throws Exception {
        var ids = new ChatUserIds(jdbc);
        List<String> usernames = names("race", 3);
        // Another node inserted the second user and has not committed yet: this node's lookup does not see
        // the row, and its insert of all three waits on the unique index until that node commits.
        try (Connection otherNode = dataSource.getConnection()) {
            otherNode.setAutoCommit(false);
            long otherId;
            try (var insert =
                    otherNode.prepareStatement("insert into chat_user (username) values (?)", new String[] {"id"})) {
                insert.setString(1, usernames.get(1));
                insert.executeUpdate();
                try (var keys = insert.getGeneratedKeys()) {
                    keys.next();
                    otherId = keys.getLong(1);
                }
            }
            long holder;
            try (var session = otherNode.createStatement();
                    var rs = session.executeQuery("select pg_backend_pid()")) {
                rs.next();
                holder = rs.getLong(1);
            }
            ExecutorService opener = Executors.newSingleThreadExecutor();
            try {
                Future<Map<String, Long>> answer = opener.submit(() -> ids.idsOf(usernames));
                await().atMost(Duration.ofSeconds(10))
                        .until(() ->
                                jdbc.sql("select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))")
                                                .param(holder)
                                                .query(Long.class)
                                                .single()
                                        > 0);
                otherNode.commit();

                Map<String, Long> answered = answer.get(10, TimeUnit.SECONDS);
                assertThat(answered).hasSize(3).containsEntry(usernames.get(1), otherId);
                assertThat(answered).isEqualTo(stored(usernames));
            } finally {
                opener.shutdownNow();
            }
        }
    }
}
