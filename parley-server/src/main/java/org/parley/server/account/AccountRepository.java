package org.parley.server.account;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface AccountRepository extends ListCrudRepository<Account, Long> {

    Optional<Account> findByUsername(String username);

    boolean existsByUsernameIgnoreCase(String username);

    @Query("select * from account where active = true and lower(username) like :prefix order by username limit :limit")
    List<Account> findActiveByUsernamePrefix(String prefix, int limit);
}
