package org.parley.server.admin;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.concurrent.atomic.AtomicInteger;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.server.account.AccountService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The admin tests' shared set-up: one Spring context (a real server on a random port, since the WebSocket
 * container needs one, plus MockMvc) for all of them, and accounts with unique names per test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
abstract class AdminTestBase {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @LocalServerPort
    protected int port;

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected AccountService accounts;

    @Autowired
    protected UserDetailsService userDetails;

    @Autowired
    protected ChatUserDirectory directory;

    @Autowired
    protected JdbcClient jdbc;

    /** Creates an account named {@code prefix} plus a unique number; its password is {@code password-<name>}. */
    protected String newUser(String prefix, boolean staff) {
        String name = prefix + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100000;
        accounts.create(name, "password-" + name, staff);
        return name;
    }

    /** Requests made as the logged-in {@code username} (its current authorities). */
    protected RequestPostProcessor as(String username) {
        return user(userDetails.loadUserByUsername(username));
    }

    protected ChatUser chatUser(String username) {
        return directory.findByUsername(username).orElseThrow();
    }

    protected long accountId(String username) {
        return jdbc.sql("select id from account where username = ?")
                .param(username)
                .query(Long.class)
                .single();
    }

    protected long auditCount(String actor, String action) {
        return jdbc.sql("select count(*) from admin_audit where actor_username = ? and action = ?")
                .params(actor, action)
                .query(Long.class)
                .single();
    }
}
