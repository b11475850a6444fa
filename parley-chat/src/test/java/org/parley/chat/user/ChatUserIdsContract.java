package org.parley.chat.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.chat.support.SchemaPools;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chat ids on H2 and on the real PostgreSQL (the subclasses): many sockets of new users opening at once
 * share one lookup and one insert, and each gets the id stored for them. The race with another node is
 * PostgreSQL's alone ({@link ChatUserIdsPostgresTest}): an embedded H2 has no other node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChatUserIdsContract {

    HikariDataSource dataSource;
    JdbcClient jdbc;

    abstract DataSource freshDatabase();

    void dropDatabase() throws SQLException {}

    @BeforeAll
    void database() {
        dataSource = SchemaPools.withSchema(freshDatabase(), 6);
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterAll
    void close() throws SQLException {
        dataSource.close();
        dropDatabase();
    }

    static List<String> names(String prefix, int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + "-" + run + "-" + i);
        }
        return names;
    }

    Map<String, Long> stored(List<String> usernames) {
        Map<String, Long> rows = new HashMap<>();
        jdbc.sql("select username, id from chat_user where username in (:names)")
                .param("names", usernames)
                .query(rs -> {
                    rows.put(rs.getString(1), rs.getLong(2));
                });
        return rows;
    }

    @Test
    void manyNewAndKnownUsersAtOnceGetTheirOwnStoredIds() throws Exception {
        var ids = new ChatUserIds(jdbc);
        List<String> usernames = names("crowd", 60);
        long known = ids.idOf(usernames.get(0));
        ExecutorService openers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (String username : usernames) {
                answers.add(openers.submit(() -> ids.idOf(username)));
            }
            Map<String, Long> stored = stored(usernames);
            for (int i = 0; i < usernames.size(); i++) {
                assertThat(answers.get(i).get(10, TimeUnit.SECONDS))
                        .as(usernames.get(i))
                        .isEqualTo(stored(List.of(usernames.get(i))).get(usernames.get(i)));
            }
            stored = stored(usernames);
            assertThat(stored).hasSize(60);
            assertThat(new HashSet<>(stored.values())).as("one id each").hasSize(60);
            assertThat(stored.get(usernames.get(0))).isEqualTo(known);
        } finally {
            openers.shutdownNow();
        }
    }

    @Test
    void idsOfAnswersManyAtOnceAndAnotherNodeSeesTheSameIds() {
        var ids = new ChatUserIds(jdbc);
        List<String> usernames = names("bulk", 5);
        long first = ids.idOf(usernames.get(0));

        Map<String, Long> answered = ids.idsOf(usernames);

        assertThat(answered).hasSize(5).containsEntry(usernames.get(0), first);
        assertThat(answered).isEqualTo(stored(usernames));
        var otherNode = new ChatUserIds(jdbc);
        assertThat(otherNode.idsOf(usernames)).isEqualTo(answered);
        assertThat(otherNode.usernameOf(answered.get(usernames.get(3)))).contains(usernames.get(3));
    }
}
