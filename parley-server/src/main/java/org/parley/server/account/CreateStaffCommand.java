package org.parley.server.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * {@code create-staff USERNAME}: Django's {@code createsuperuser}. The password comes from the
 * {@code PARLEY_PASSWORD} environment variable, else from the console (not echoed), else from the first line
 * of standard input; never from the command line, where other users could read it.
 */
@Component
public class CreateStaffCommand {

    public static final String NAME = "create-staff";

    private final AccountService accounts;

    public CreateStaffCommand(AccountService accounts) {
        this.accounts = accounts;
    }

    /** Returns the process exit code. */
    public int run(String[] args) {
        String username = args.length == 0 || args[0].startsWith("--") ? null : args[0];
        if (username == null) {
            System.err.println("Usage: create-staff USERNAME   (password from PARLEY_PASSWORD or asked)");
            return 2;
        }
        String password = password();
        String problem = accounts.problemWith(username, password);
        if (problem != null) {
            System.err.println("Cannot create " + username + ": " + describe(problem));
            return 1;
        }
        accounts.create(username, password, true);
        System.out.println("Created staff user " + username);
        return 0;
    }

    private static String password() {
        String fromEnv = System.getenv("PARLEY_PASSWORD");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        if (System.console() != null) {
            char[] typed = System.console().readPassword("Password: ");
            return typed == null ? null : new String(typed);
        }
        try {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(String problem) {
        return switch (problem) {
            case "account.error.usernameFormat" -> "use 2-150 letters, digits, '.', '_' or '-'";
            case "account.error.usernameTaken" -> "that username is taken";
            case "account.error.passwordShort" ->
                "the password needs at least " + AccountService.MIN_PASSWORD_LENGTH + " characters";
            default -> problem;
        };
    }
}
