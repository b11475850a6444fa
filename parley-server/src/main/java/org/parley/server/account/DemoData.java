package org.parley.server.account;

import org.parley.chat.dialog.DialogService;
import org.parley.chat.message.MessageService;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * With {@code parley.server.demo-data=true}, the first start (no accounts yet) creates two users and a dialog
 * between them. Credentials are in the README: alice / alice-password and bob / bob-password.
 */
@Component
public class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final ServerProperties properties;
    private final AccountService accounts;
    private final ChatUserDirectory users;
    private final MessageService messages;
    private final DialogService dialogs;

    public DemoData(
            ServerProperties properties,
            AccountService accounts,
            ChatUserDirectory users,
            MessageService messages,
            DialogService dialogs) {
        this.properties = properties;
        this.accounts = accounts;
        this.users = users;
        this.messages = messages;
        this.dialogs = dialogs;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demoData() || !accounts.noAccounts()) {
            return;
        }
        accounts.create("alice", "alice-password", false);
        accounts.create("bob", "bob-password", false);
        var alice = users.findByUsername("alice").orElseThrow();
        var bob = users.findByUsername("bob").orElseThrow();
        dialogs.getOrCreate(alice, bob);
        messages.send(alice, "bob", "Hi Bob! This is a demo dialog.", null);
        messages.send(bob, "alice", "Hello Alice. Open two browsers to see it live.", null);
        log.info("Demo data created: users alice and bob (passwords alice-password, bob-password)");
    }
}
