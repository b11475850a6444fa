package org.parley.chat.message;

import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One group commit, as one transaction: lock the batch's dialogs and rooms in id order, move each dialog's
 * {@code modified} time to its newest message, insert the messages, commit, and return their ids in batch
 * order. When {@link #write} returns, the batch is durable; when it throws, none of it was written.
 *
 * <p>Locking first makes ids follow commit order within each dialog and room even with several nodes
 * writing: a second writer to the same dialog waits for the first one's commit before it takes its ids
 * from the sequence, so its ids are higher. Catch-up by id ("history after the last id I have") relies on
 * that: no message of a dialog or room can be committed below an id a client has already seen.
 */
interface BatchSql {

    List<Long> write(List<NewMessage> batch);

    /** PostgreSQL gets array statements (a fixed text per statement, planned once); others plain SQL. */
    static BatchSql forDatabase(JdbcTemplate jdbc, TransactionTemplate tx) {
        String product =
                jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        return "PostgreSQL".equals(product) ? new PostgresBatchSql(jdbc) : new PortableBatchSql(jdbc, tx);
    }
}
