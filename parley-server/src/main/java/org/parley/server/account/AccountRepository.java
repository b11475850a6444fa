package org.parley.server.account;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface AccountRepository extends ListCrudRepository<Account, Long> {

    /**
     * Every request of a logged-in user runs this ({@code CurrentAccountFilter}), so it is written out: the
     * derived query renders its SQL again on every call, a quarter of the server's CPU while 10,000 sockets
     * opened (docs/performance.md).
     */
    @Query("select * from account where username = :username")
    Optional<Account> findByUsername(String username);

    boolean existsByUsernameIgnoreCase(String username);

    @Query("select * from account where active = true and lower(username) like :prefix order by username limit :limit")
    List<Account> findActiveByUsernamePrefix(String prefix, int limit);

    /** One page of the accounts whose username matches {@code pattern} (a lower-case LIKE pattern), by username. */
    @Query(
            "select * from account where lower(username) like :pattern order by username, id limit :limit offset :offset")
    List<Account> findPage(String pattern, int limit, long offset);

    @Modifying
    @Query("update account set staff = :staff where id = :id")
    int updateStaff(long id, boolean staff);

    @Modifying
    @Query("update account set active = :active where id = :id")
    int updateActive(long id, boolean active);

    @Modifying
    @Query("update account set password_hash = :passwordHash where id = :id")
    int updatePasswordHash(long id, String passwordHash);
}
