package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.parley.chat.dialog.DialogService;
import org.parley.chat.message.MessageService;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.server.support.ChatTestClient;
import org.parley.server.support.HeadlessBrowser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Parley's port of the django-private-chat dialogs page, in two real headless Chromium browsers: the original's
 * DOM, packets and behaviour (presence, typing, messages, read receipts, flashing buttons), with escaped text.
 */
class PrivateChatPageBrowserTest extends TwoBrowserTest {

    @Autowired
    ChatUserDirectory users;

    @Autowired
    MessageService messages;

    @Autowired
    DialogService dialogs;

    @Autowired
    JdbcClient jdbc;

    @Test
    void twoUsersChatOnTheOriginalsPage() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        String carol = newUser("carol");
        ChatUser aliceUser = user(alice);
        dialogs.getOrCreate(aliceUser, user(carol));
        long earlier = messages.send(user(bob), alice, "written before", null).id();

        var a = first.logIn(alice, PASSWORD).open("/private-chat/dialogs/" + bob);
        assertThat(a.attribute("#owner_username", "value")).isEqualTo(alice);
        // check-online: Bob is not there yet.
        a.await(() -> a.isShown("#offline-status") && !a.isShown("#online-status"));
        // The unread message already on the page is read once it is in view (the original never did this).
        a.await(() -> classOf(a, "div[data-id='" + earlier + "']").contains("msg-read"));
        a.await(() -> jdbc.sql("select is_read from chat_message where id = ?")
                .param(earlier)
                .query(Boolean.class)
                .single());

        var b = second.logIn(bob, PASSWORD).open("/private-chat/dialogs/" + alice);
        b.await(() -> b.isShown("#online-status"));
        a.await(() -> a.isShown("#online-status") && !a.isShown("#offline-status"));
        a.await(() -> classOf(a, "#user-" + bob).equals("btn btn-success"));

        // Typing shows "… is typing" on the other side for about three seconds.
        a.find("#chat-message").sendKeys("Hel");
        b.await(() -> b.isShown("#typing-text"));
        assertThat(b.find("#typing-text").getText()).isEqualTo(alice + " is typing...");
        b.await(() -> !b.isShown("#typing-text"));

        // Enter sends; markup stays text on both pages.
        String text = "Hi <b>Bob</b> & <img src=x onerror=window.pwned=1>";
        a.find("#chat-message").sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.ENTER);
        String fromAlice = "#messages div.row p.pull-left";
        String atBob = "#messages div.row.opponent p.pull-right";
        a.await(() -> a.find(fromAlice).getText().contains(text));
        b.await(() -> b.find(atBob).getText().contains(text));
        assertThat(b.find(atBob + " span.username").getText()).isEqualTo(alice + ":");
        assertThat(b.findAll("#messages img")).isEmpty();
        assertThat(b.findAll("#messages b")).isEmpty();
        assertThat(b.script("return window.pwned === undefined")).isEqualTo(true);
        assertThat(a.find("#chat-message").getDomProperty("value")).isEmpty();

        // Bob's page shows it, so it is read, and Alice's page marks it read live (the original's bug:
        // opponent-read-message carried the wrong name, so this never happened).
        String row = "#messages div.row[data-id]:last-child";
        a.await(() -> classOf(a, row).contains("msg-read"));

        // The button works too.
        b.find("#chat-message").sendKeys("Hi Alice");
        b.find("#btn-send-message").click();
        a.await(() -> a.find("#messages div.row.opponent:last-child").getText().contains("Hi Alice"));

        // A message from Carol, whose dialog is not open: her button flashes on Alice's page.
        messages.send(user(carol), alice, "psst", null);
        a.await(() -> classOf(a, "#user-" + carol).contains("flash"));
        assertThat(a.find("#messages").getText()).doesNotContain("psst");
        a.screenshot("private-chat-alice");

        // Bob leaves the page: Alice sees him offline.
        b.open("/parley/css/private-chat.css");
        a.await(() -> a.isShown("#offline-status") && !a.isShown("#online-status"));
        a.await(() -> classOf(a, "#user-" + bob).equals("btn btn-danger"));
    }

    @Test
    void aUserWithoutDialogsGetsAWayToStartOneAndAnUnknownUserIsNotFound() {
        String dave = newUser("dave");
        var client = new ChatTestClient(port).logIn(dave, PASSWORD);
        var empty = client.get("/private-chat/dialogs/");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("id=\"no-dialogs\"").contains("name=\"username\"");
        assertThat(client.get("/private-chat/dialogs/?username=" + dave)
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .endsWith("/private-chat/dialogs/" + dave);
        assertThat(client.get("/private-chat/dialogs/no-such-user-" + dave).statusCode())
                .isEqualTo(404);
    }

    /** The element's classes, or "" while it is not there. */
    private static String classOf(HeadlessBrowser browser, String css) {
        String classes = browser.attribute(css, "class");
        return classes == null ? "" : classes;
    }

    private ChatUser user(String name) {
        return users.findByUsername(name).orElseThrow();
    }
}
