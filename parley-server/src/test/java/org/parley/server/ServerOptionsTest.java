package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.parley.chat.dialog.DialogService;
import org.parley.chat.message.MessageService;
import org.parley.chat.room.RoomService;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.server.account.CreateStaffCommand;
import org.parley.server.support.ChatTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The standalone server's switches: demo data, sign-up off, and the create-staff command. */
class ServerOptionsTest {

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"parley.server.demo-data=true", "parley.server.signup-enabled=false"})
    @ActiveProfiles("test")
    class DemoDataAndNoSignup {

        @LocalServerPort
        int port;

        @Autowired
        ChatUserDirectory users;

        @Autowired
        DialogService dialogs;

        @Autowired
        MessageService messages;

        @Autowired
        RoomService rooms;

        @Test
        void theDemoUsersCanLogInAndHaveADialog() {
            var alice = new ChatTestClient(port).logIn("alice", "alice-password");
            new ChatTestClient(port).logIn("bob", "bob-password");

            var dialogList = dialogs.dialogsOf(users.findByUsername("alice").orElseThrow());
            assertThat(dialogList)
                    .singleElement()
                    .satisfies(d -> assertThat(d.otherUsername()).isEqualTo("bob"));
            var history = messages.history(
                    users.findByUsername("alice").orElseThrow(),
                    dialogList.get(0).dialogId(),
                    null,
                    null,
                    null);
            assertThat(history.messages()).hasSize(2);
            assertThat(alice.get("/dialogs/bob").body()).contains("Hi Bob! This is a demo dialog.");
            // Both are in the demo room, which has a first message.
            assertThat(alice.get("/rooms/").body())
                    .containsPattern("class=\"room-entry joined\"[^>]*>\\s*<a[^>]*>Lobby</a>");
            var lobby = rooms.requireVisible(users.findByUsername("bob").orElseThrow(), "lobby");
            assertThat(messages.roomHistory(users.findByUsername("bob").orElseThrow(), lobby.id(), null, null, null)
                            .messages())
                    .hasSize(1);
        }

        @Test
        void signUpIsSwitchedOff() {
            var client = new ChatTestClient(port);
            assertThat(client.get("/signup").statusCode()).isEqualTo(404);
            assertThat(client.get("/login").body()).doesNotContain("/signup");
        }
    }

    @Nested
    /** Runs without a web server, as the command does. */
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
    @ActiveProfiles("test")
    class CreateStaff {

        @Autowired
        CreateStaffCommand command;

        @Autowired
        ChatUserDirectory users;

        @Test
        void createsAStaffUserFromStandardInput() {
            var stdin = System.in;
            try {
                System.setIn(new java.io.ByteArrayInputStream("staff-password\n".getBytes()));
                assertThat(command.run(new String[] {"root"})).isZero();
            } finally {
                System.setIn(stdin);
            }
            assertThat(users.findByUsername("root"))
                    .hasValueSatisfying(u -> assertThat(u.staff()).isTrue());
        }

        @Test
        void refusesAShortPasswordAndAMissingName() {
            var stdin = System.in;
            try {
                System.setIn(new java.io.ByteArrayInputStream("short\n".getBytes()));
                assertThat(command.run(new String[] {"weak"})).isEqualTo(1);
            } finally {
                System.setIn(stdin);
            }
            assertThat(command.run(new String[] {})).isEqualTo(2);
            assertThat(users.findByUsername("weak")).isEmpty();
        }
    }
}
