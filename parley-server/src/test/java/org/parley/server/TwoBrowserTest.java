package org.parley.server;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.parley.server.account.AccountService;
import org.parley.server.support.HeadlessBrowser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** A server on a random port and two real headless Chromium browsers, one per user, for the page tests. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoBrowserTest {

    static final String PASSWORD = "browser-test-password";

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    HeadlessBrowser first;
    HeadlessBrowser second;

    @BeforeAll
    void startBrowsers() {
        first = HeadlessBrowser.start(base());
        second = HeadlessBrowser.start(base());
    }

    @AfterAll
    void stopBrowsers() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    /** A new account with a unique name starting with {@code prefix}. */
    String newUser(String prefix, boolean staff) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        accounts.create(name, PASSWORD, staff);
        return name;
    }

    String newUser(String prefix) {
        return newUser(prefix, false);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }
}
