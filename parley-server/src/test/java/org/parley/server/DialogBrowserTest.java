package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.parley.chat.message.MessageService;
import org.parley.chat.realtime.CloseReason;
import org.parley.chat.realtime.LocalDispatcher;
import org.parley.chat.realtime.SessionRegistry;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.server.support.ChatTestClient;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two users in two real headless Chromium browsers (separate profiles, so separate sessions) using the dialog
 * pages and their JavaScript against the real server.
 */
class DialogBrowserTest extends TwoBrowserTest {

    /** Records in the page when "… is typing" appears and disappears. */
    private static final String RECORD_TYPING = """
            const label = document.getElementById('typing-text');
            new MutationObserver(() => {
              if (label.hidden) { window.typingHiddenAt = performance.now(); }
              else if (window.typingShownAt === undefined) { window.typingShownAt = performance.now(); }
            }).observe(label, { attributes: true, attributeFilter: ['hidden'] });
            """;
    /** Records in the page which dialog entries flashed. */
    private static final String RECORD_FLASHES = """
            window.flashed = [];
            new MutationObserver((changes) => changes.forEach((c) => {
              const name = c.target.dataset.username;
              if (c.target.classList.contains('flash') && !window.flashed.includes(name)) {
                window.flashed.push(name);
              }
            })).observe(document.getElementById('dialog-list'),
                { subtree: true, attributes: true, attributeFilter: ['class'] });
            """;

    @Autowired
    ChatUserDirectory users;

    @Autowired
    MessageService messages;

    @Autowired
    SessionRegistry sessions;

    @Autowired
    LocalDispatcher dispatcher;

    @Test
    void twoUsersChatInOneDialog() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        var a = first.logIn(alice, PASSWORD).openLive("/dialogs/" + bob);
        var b = second.logIn(bob, PASSWORD).openLive("/dialogs/" + alice);

        // Presence: each sees the other online (Alice learns it live, Bob from the rendered page).
        a.await(() -> a.isShown("#online-status") && !a.isShown("#offline-status"));
        assertThat(b.isShown("#online-status")).isTrue();

        // Typing: shown to the other, gone again after about 3 s (timed in the page, not by polling).
        b.script(RECORD_TYPING);
        a.find("#chat-message").sendKeys("Hel");
        b.await(() -> b.isShown("#typing-text"));
        assertThat(b.find("#typing-text").getText()).isEqualTo(alice + " is typing…");
        b.await(() -> !b.isShown("#typing-text"));
        Number shownFor = (Number) b.script("return window.typingHiddenAt - window.typingShownAt");
        assertThat(shownFor.doubleValue()).isBetween(2900.0, 4500.0);

        // A message, with markup that must stay text, appears on both sides.
        String text = "Hello <b>Bob</b> & <img src=x onerror=window.pwned=1>";
        a.find("#chat-message").sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.ENTER);
        String mine = "#messages li.mine[data-id]";
        String theirs = "#messages li.theirs[data-id]";
        a.await(() -> a.find(mine + " .text").getText().equals(text));
        b.await(() -> b.find(theirs + " .text").getText().equals(text));
        assertThat(a.attribute(mine, "data-id")).isEqualTo(b.attribute(theirs, "data-id"));
        assertThat(a.findAll("#messages li")).hasSize(1);
        assertThat(b.script("return window.pwned === undefined")).isEqualTo(true);
        assertThat(b.findAll("#messages img")).isEmpty();
        assertThat(a.find("#chat-message").getDomProperty("value")).isEmpty();

        // Bob's page shows it, so Bob's page reads it; Alice's page marks it read live.
        a.await(() -> a.attribute(mine, "class").contains("msg-read"));
        assertThat(a.find(mine + " .receipt").getText()).isEqualTo("Read");
        b.await(() -> b.attribute(theirs, "class").contains("msg-read"));

        // Shift+Enter makes a new line; Enter sends.
        b.find("#chat-message").sendKeys("Hi Alice,", Keys.chord(Keys.SHIFT, Keys.ENTER), "two lines", Keys.ENTER);
        a.await(() -> a.find(theirs + " .text").getText().equals("Hi Alice,\ntwo lines"));
        assertThat(b.findAll("#messages li.mine")).hasSize(1);
        a.screenshot("dialog-" + "alice");
        b.screenshot("dialog-" + "bob");

        // Bob closes the page: Alice sees him go offline, in the header and in the side bar.
        b.open("/parley/css/parley.css");
        a.await(() -> a.isShown("#offline-status") && !a.isShown("#online-status"));
        a.await(() -> a.attribute("#dialog-" + bob, "class").contains("offline"));
    }

    @Test
    void messagesFromOthersFlashTheirDialogAndNewDialogsAppearLive() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        String carol = newUser("carol");
        var a = first.logIn(alice, PASSWORD).openLive("/dialogs/" + bob);
        var carolSocket = new ChatTestClient(port).logIn(carol, PASSWORD).connect("/ws");

        // Carol starts a dialog with Alice: it appears in Alice's side bar, at the top, unread and flashing.
        a.script(RECORD_FLASHES);
        carolSocket.sendJson("type", "new-message", "username", alice, "message", "Hi from Carol");
        String entry = "#dialog-" + carol;
        a.await(() -> "1".equals(a.find(entry + " .unread").getText()));
        assertThat(a.attribute(entry, "class")).contains("has-unread");
        assertThat(a.script("return window.flashed")).asString().isEqualTo("[" + carol + "]");
        assertThat(a.find("#dialog-list li:first-child").getDomAttribute("data-username"))
                .isEqualTo(carol);
        a.await(() -> a.attribute(entry, "class").contains("online")); // learnt by asking check-online
        // Nothing of it shows in the open dialog with Bob.
        assertThat(a.findAll("#messages li")).isEmpty();

        carolSocket.sendJson("type", "new-message", "username", alice, "message", "Are you there?");
        a.await(() -> "2".equals(a.find(entry + " .unread").getText()));

        // The list page shows the same, live too.
        a.openLive("/dialogs/");
        assertThat(a.find(entry + " .unread").getText()).isEqualTo("2");
        String dave = newUser("dave");
        var daveSocket = new ChatTestClient(port).logIn(dave, PASSWORD).connect("/ws");
        daveSocket.sendJson("type", "new-message", "username", alice, "message", "Hello from Dave");
        a.await(() -> "1".equals(a.find("#dialog-" + dave + " .unread").getText()));
        assertThat(a.find("#dialog-list li:first-child").getDomAttribute("data-username"))
                .isEqualTo(dave);
        a.screenshot("dialog-list");

        // Reading Carol's messages in her dialog clears their count.
        a.openLive("/dialogs/" + carol);
        a.await(() -> a.findAll("#messages li.msg-unread").isEmpty());
        a.await(() -> !a.isShown(entry + " .unread"));
        carolSocket.close();
        daveSocket.close();
    }

    @Test
    void readingInOneTabLowersTheUnreadCountInTheOtherTabsListLive() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        ChatUser aliceUser = users.findByUsername(alice).orElseThrow();
        messages.send(aliceUser, bob, "first unread", null);
        messages.send(aliceUser, bob, "second unread", null);

        // Bob has his dialog list open in one tab: two unread from Alice.
        var b = second.logIn(bob, PASSWORD).openLive("/dialogs/");
        String listTab = b.currentTab();
        String entry = "#dialog-" + alice;
        assertThat(b.find(entry + " .unread").getText()).isEqualTo("2");

        // He opens the dialog in another tab, which reads both messages on screen.
        b.newTab();
        b.openLive("/dialogs/" + alice);
        b.await(() -> b.findAll("#messages li.msg-unread").isEmpty());
        b.await(() -> !b.isShown(entry + " .unread"));
        String readingTab = b.currentTab();

        // The list tab, never reloaded, followed: no unread count, no longer marked unread.
        b.switchToTab(listTab);
        b.await(() -> !b.isShown(entry + " .unread"));
        assertThat(b.attribute(entry, "data-unread")).isEqualTo("0");
        assertThat(b.attribute(entry, "class")).doesNotContain("has-unread");
        b.screenshot("dialog-list-read-elsewhere");

        // The list tab still counts new messages (the shared browser keeps one tab for the next test).
        messages.send(aliceUser, bob, "third", null);
        b.await(() -> "1".equals(b.find(entry + " .unread").getText()));
        b.switchToTab(readingTab).closeTab(listTab);
    }

    @Test
    void aMessageStaffRestoreComesBackInItsPlaceLive() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        String staffName = "staff-" + UUID.randomUUID().toString().substring(0, 6);
        accounts.create(staffName, PASSWORD, true);
        ChatUser staff = users.findByUsername(staffName).orElseThrow();
        ChatUser aliceUser = users.findByUsername(alice).orElseThrow();
        messages.send(aliceUser, bob, "one", null);
        long middle = messages.send(aliceUser, bob, "two", null).id();
        messages.send(aliceUser, bob, "three", null);
        var b = second.logIn(bob, PASSWORD).openLive("/dialogs/" + alice);
        b.await(() -> b.findAll("#messages li").size() == 3);

        messages.setRemoved(staff, middle, true);
        b.await(() -> b.findAll("#messages li").size() == 2);

        messages.setRemoved(staff, middle, false);
        b.await(() -> b.findAll("#messages li").size() == 3);
        assertThat(b.findAll("#messages li .text").stream().map(e -> e.getText()))
                .containsExactly("one", "two", "three");
        assertThat(b.attribute("#messages li:nth-child(2)", "data-id")).isEqualTo(String.valueOf(middle));
    }

    @Test
    void aDroppedSocketReconnectsAndCatchesUpWithoutLoss() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        var a = first.logIn(alice, PASSWORD).openLive("/dialogs/" + bob);
        ChatUser aliceUser = users.findByUsername(alice).orElseThrow();
        ChatUser bobUser = users.findByUsername(bob).orElseThrow();
        messages.send(bobUser, alice, "before the drop", null);
        a.await(() -> a.findAll("#messages li").size() == 1);

        // The server drops Alice's socket; while she is away Bob writes twice.
        sessions.connectionsOf(aliceUser.id()).forEach(c -> c.closeLater(CloseReason.SHUTDOWN.status(), "test"));
        a.awaitConnection("reconnecting");
        assertThat(a.isShown("#connection-status")).isTrue();
        assertThat(a.find("#connection-status").getText()).isEqualTo("Connection lost. Reconnecting…");
        messages.send(bobUser, alice, "while you were away", null);
        messages.send(bobUser, alice, "and once more", null);

        // The page reconnects on its own (after 1 s) and asks for what came after its last message.
        a.awaitConnection("open");
        a.await(() -> a.findAll("#messages li").size() == 3);
        assertThat(a.findAll("#messages li .text").stream().map(e -> e.getText()))
                .containsExactly("before the drop", "while you were away", "and once more");
        assertThat(a.isShown("#connection-status")).isFalse();
        // And the list was re-read: Bob's dialog shows no unread (all read on screen) once the receipts land.
        a.await(() -> a.findAll("#messages li.msg-unread").isEmpty());

        // A message typed while the socket is down waits and goes out after the reconnect, once.
        sessions.connectionsOf(aliceUser.id()).forEach(c -> c.closeLater(CloseReason.SHUTDOWN.status(), "test"));
        a.awaitConnection("reconnecting");
        a.find("#chat-message").sendKeys("sent while offline", Keys.ENTER);
        assertThat(a.attribute("#messages li:last-child", "class")).contains("pending");
        a.awaitConnection("open");
        a.await(() -> a.attribute("#messages li:last-child", "data-id") != null);
        assertThat(a.findAll("#messages li")).hasSize(4);
        long dialogId = Long.parseLong(a.attribute("#dialog-page", "data-dialog-id"));
        assertThat(messages.history(bobUser, dialogId, null, null, null).messages())
                .hasSize(4);

        // The server says delivery from other nodes is degraded, then back: the header says so meanwhile.
        dispatcher.linkChanged(false);
        a.await(() -> a.isShown("#connection-status"));
        assertThat(a.find("#connection-status").getText()).isEqualTo("Messages may arrive late right now.");
        dispatcher.linkChanged(true);
        a.await(() -> !a.isShown("#connection-status"));
    }
}
