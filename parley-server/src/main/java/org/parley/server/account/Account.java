package org.parley.server.account;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A user of the standalone server. The password is only ever held hashed. */
@Table("account")
public record Account(
        @Id Long id, String username, String passwordHash, String displayName, boolean staff, boolean active) {

    public static Account create(String username, String passwordHash, boolean staff) {
        return new Account(null, username, passwordHash, username, staff, true);
    }
}
