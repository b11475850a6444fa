package org.parley.server.account;

import org.parley.chat.dialog.DialogService;
import org.parley.chat.message.MessageService;
import org.parley.chat.room.Room;
import org.parley.chat.room.RoomService;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * With {@code parley.server.demo-data=true}, the first start (no accounts yet) creates two users, a dialog
 * between them and a room they are both in. Credentials are in the README: alice / alice-password and
 * bob / bob-password.
 */
@Component
public class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final ServerProperties properties;
    private final AccountService accounts;
    private final ChatUserDirectory users;
    private final MessageService messages;
    private final DialogService dialogs;
    private final RoomService rooms;

    public DemoData(
            ServerProperties properties,
            AccountService accounts,
            ChatUserDirectory users,
            MessageService messages,
            DialogService dialogs,
            RoomService rooms) {
        this.properties = properties;
        this.accounts = accounts;
        this.users = users;
        this.messages = messages;
        this.dialogs = dialogs;
        this.rooms = rooms;
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
        // Rooms are made by staff; the demo set-up acts as staff for this one action.
        ChatUser setup = new ChatUser(0, "demo-data", "demo-data", true);
        Room lobby = rooms.create(setup, "Lobby", false);
        rooms.join(alice, lobby.id());
        rooms.join(bob, lobby.id());
        messages.sendToRoom(alice, lobby.id(), "Welcome to the lobby! Join more rooms from the list.", null);
        log.info("Demo data created: users alice and bob (passwords alice-password, bob-password), room Lobby");
    }
}
