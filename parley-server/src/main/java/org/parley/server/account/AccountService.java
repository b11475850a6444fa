package org.parley.server.account;

import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The one write path for accounts: sign-up, the create-staff command, the demo data and the user admin (which
 * adds its audit entries and tells the chat).
 */
@Service
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    /** Letters, digits and . _ - ; usernames appear in URLs (/dialogs/{username}). */
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{2,150}");

    public static final int MIN_PASSWORD_LENGTH = 8;

    private final AccountRepository accounts;
    private final PasswordEncoder passwords;

    public AccountService(AccountRepository accounts, PasswordEncoder passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    /** Why {@code username}/{@code password} cannot be used, as a message key, or null if they can. */
    public String problemWith(String username, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            return "account.error.usernameFormat";
        }
        if (accounts.existsByUsernameIgnoreCase(username)) {
            return "account.error.usernameTaken";
        }
        return problemWithPassword(password);
    }

    public Account create(String username, String password, boolean staff) {
        String problem = problemWith(username, password);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Account saved = accounts.save(Account.create(username, passwords.encode(password), staff));
        log.info("Created {}account {}", staff ? "staff " : "", username);
        return saved;
    }

    /** Why {@code password} cannot be used, as a message key, or null if it can. */
    public String problemWithPassword(String password) {
        return password == null || password.length() < MIN_PASSWORD_LENGTH ? "account.error.passwordShort" : null;
    }

    public void setStaff(long id, boolean staff) {
        accounts.updateStaff(id, staff);
        log.info("Account {} staff flag set to {}", id, staff);
    }

    /** An inactive account cannot log in, and the chat no longer finds it. */
    public void setActive(long id, boolean active) {
        accounts.updateActive(id, active);
        log.info("Account {} active flag set to {}", id, active);
    }

    public void setPassword(long id, String password) {
        String problem = problemWithPassword(password);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        accounts.updatePasswordHash(id, passwords.encode(password));
        log.info("Password of account {} reset", id);
    }

    public boolean noAccounts() {
        return accounts.count() == 0;
    }
}
