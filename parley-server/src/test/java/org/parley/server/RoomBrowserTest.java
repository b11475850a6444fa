package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.parley.chat.message.MessageService;
import org.parley.chat.realtime.CloseReason;
import org.parley.chat.realtime.SessionRegistry;
import org.parley.chat.room.Room;
import org.parley.chat.room.RoomService;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.server.support.HeadlessBrowser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two users in two real headless Chromium browsers on the rooms page: joining rooms (several at once),
 * talking, leaving, the live room list and a dropped socket that resumes without losing messages.
 * Screenshots go to target/screenshots/.
 */
class RoomBrowserTest extends TwoBrowserTest {

    @Autowired
    ChatUserDirectory users;

    @Autowired
    RoomService rooms;

    @Autowired
    MessageService messages;

    @Autowired
    SessionRegistry sessions;

    @Autowired
    JdbcClient jdbc;

    private ChatUser staff;

    @BeforeAll
    void makeStaff() {
        String name = newUser("staff", true);
        staff = users.findByUsername(name).orElseThrow();
    }

    @Test
    void twoUsersJoinARoomTalkAndOneLeaves() {
        Room lobby = rooms.create(staff, "Lobby " + suffix(), false);
        Room garden = rooms.create(staff, "Garden " + suffix(), false);
        String alice = newUser("alice", false);
        String bob = newUser("bob", false);
        String lobbyPane = "#room-" + lobby.id();
        String gardenPane = "#room-" + garden.id();

        // Alice lands on the rooms page after logging in and joins the lobby from the list.
        var a = first.logIn(alice, PASSWORD).openLive("/rooms/");
        a.find("#room-link-" + lobby.id() + " .toggle").click();
        a.await(() -> a.isShown(lobbyPane));
        assertThat(a.find(lobbyPane + " .room-title").getText()).isEqualTo(lobby.title());
        assertThat(a.attribute("#room-link-" + lobby.id(), "class")).contains("joined");
        // Bob opens the lobby's own address: the page joins it for him.
        var b = second.logIn(bob, PASSWORD).openLive("/rooms/" + lobby.slug());
        b.await(() -> b.isShown(lobbyPane));
        a.await(() -> a.find(lobbyPane + " .room-notice").getText().equals(bob + " joined the room"));
        a.await(() -> a.findAll(lobbyPane + " .member-list li").size() == 2);

        // A message, with markup that must stay text, reaches both.
        String text = "Hello <b>Bob</b> & <img src=x onerror=window.pwned=1>";
        a.find(lobbyPane + " textarea").sendKeys(text, Keys.ENTER);
        String mine = lobbyPane + " li.mine[data-id]";
        String theirs = lobbyPane + " li.theirs[data-id]";
        a.await(() -> a.find(mine + " .text").getText().equals(text));
        b.await(() -> b.find(theirs + " .text").getText().equals(text));
        assertThat(a.attribute(mine, "data-id")).isEqualTo(b.attribute(theirs, "data-id"));
        assertThat(b.script("return window.pwned === undefined")).isEqualTo(true);
        assertThat(b.findAll(lobbyPane + " .messages img")).isEmpty();
        b.find(lobbyPane + " textarea").sendKeys("Hi Alice!", Keys.ENTER);
        a.await(() -> a.find(theirs + " .text").getText().equals("Hi Alice!"));

        // Alice is in two rooms at once, each with its own pane; the garden's history shows on join.
        messages.sendToRoom(staff, joined(garden), "Welcome to the garden", null);
        a.find("#room-link-" + garden.id() + " .toggle").click();
        a.await(() -> a.isShown(gardenPane));
        a.await(() -> a.find(gardenPane + " li.theirs .text").getText().equals("Welcome to the garden"));
        assertThat(a.findAll(".room-pane")).hasSize(2);
        assertThat(a.findAll(lobbyPane + " li.message")).hasSize(2);
        a.screenshot("rooms-alice");
        b.screenshot("rooms-bob");

        // Bob leaves the lobby: his pane goes, Alice sees him leave.
        b.find(lobbyPane + " .leave").click();
        b.await(() -> !b.isShown(lobbyPane));
        assertThat(b.attribute("#room-link-" + lobby.id(), "class")).doesNotContain("joined");
        a.await(() -> a.findAll(lobbyPane + " .room-notice").stream()
                .anyMatch(n -> n.getText().equals(bob + " left the room")));
        a.await(() -> a.findAll(lobbyPane + " .member-list li").size() == 1);
        a.screenshot("rooms-after-leave");
        // His membership is gone for good: a new page does not bring the pane back.
        b.openLive("/rooms/");
        assertThat(b.findAll(".room-pane")).isEmpty();
    }

    @Test
    void theRoomListIsLive() {
        String carol = newUser("carol", false);
        var a = first.logIn(carol, PASSWORD).openLive("/rooms/");

        Room created = rooms.create(staff, "000 New room " + suffix(), false);
        String entry = "#room-link-" + created.id();
        a.await(() -> a.isShown(entry));
        assertThat(inTitleOrder(a, created)).isTrue();

        rooms.rename(staff, created.id(), "zzzz Renamed " + created.id());
        a.await(() -> a.find(entry + " .room-name").getText().equals("zzzz Renamed " + created.id()));
        assertThat(inTitleOrder(a, created)).isTrue();

        Room secret = rooms.create(staff, "000 Secret " + suffix(), true);
        rooms.delete(staff, created.id());
        a.await(() -> !a.isShown(entry));
        assertThat(a.isShown("#room-link-" + secret.id())).isFalse();
        a.screenshot("rooms-live-list");
    }

    @Test
    void aDroppedSocketReconnectsAndTheRoomsCatchUpWithoutLoss() {
        Room room = rooms.create(staff, "Resume " + suffix(), false);
        String dave = newUser("dave", false);
        ChatUser daveUser = users.findByUsername(dave).orElseThrow();
        String pane = "#room-" + room.id();
        var a = first.logIn(dave, PASSWORD).openLive("/rooms/" + room.slug());
        a.await(() -> a.isShown(pane));
        messages.sendToRoom(staff, joined(room), "before the drop", null);
        a.await(() -> a.findAll(pane + " li.message").size() == 1);

        // The server drops the socket; while Dave is away the room goes on.
        sessions.connectionsOf(daveUser.id()).forEach(c -> c.closeLater(CloseReason.SHUTDOWN.status(), "test"));
        a.awaitConnection("reconnecting");
        messages.sendToRoom(staff, room.id(), "while you were away", null);
        messages.sendToRoom(staff, room.id(), "and once more", null);

        // The page reconnects by itself and asks for what came after its newest message: nothing lost,
        // nothing twice.
        a.awaitConnection("open");
        a.await(() -> a.findAll(pane + " li.message").size() == 3);
        assertThat(a.findAll(pane + " li.message .text").stream().map(e -> e.getText()))
                .containsExactly("before the drop", "while you were away", "and once more");

        // Typed while the socket is down: it waits and goes out once after the reconnect.
        sessions.connectionsOf(daveUser.id()).forEach(c -> c.closeLater(CloseReason.SHUTDOWN.status(), "test"));
        a.awaitConnection("reconnecting");
        a.find(pane + " textarea").sendKeys("sent while offline", Keys.ENTER);
        a.awaitConnection("open");
        a.await(() -> a.attribute(pane + " li.message:last-child", "data-id") != null);
        assertThat(a.findAll(pane + " li.message")).hasSize(4);
        assertThat(messages.roomHistory(daveUser, room.id(), null, null, null).messages())
                .hasSize(4);
    }

    @Test
    void historyShowsOnJoinAndOlderMessagesLoadOnRequest() {
        Room room = rooms.create(staff, "Archive " + suffix(), false);
        rooms.join(staff, room.id());
        for (int i = 1; i <= 35; i++) {
            // Written directly: the flood limit would slow 35 messages from one sender down.
            jdbc.sql("insert into chat_message (room_id, sender_id, text, is_read, is_removed, created, modified)"
                            + " values (?, ?, ?, false, false, current_timestamp, current_timestamp)")
                    .params(room.id(), staff.id(), String.format("old %02d", i))
                    .update();
        }
        String erin = newUser("erin", false);
        String pane = "#room-" + room.id();

        var a = first.logIn(erin, PASSWORD).openLive("/rooms/" + room.slug());
        a.await(() -> a.findAll(pane + " li.message").size() == 30);
        assertThat(a.find(pane + " li.message .text").getText()).isEqualTo("old 06");
        assertThat(a.isShown(pane + " .load-older")).isTrue();

        a.find(pane + " .load-older").click();
        a.await(() -> a.findAll(pane + " li.message").size() == 35);
        assertThat(a.find(pane + " li.message .text").getText()).isEqualTo("old 01");
        a.await(() -> !a.isShown(pane + " .load-older"));
        a.screenshot("rooms-history");
    }

    @Test
    void theOriginalMultichatPageTalksWithTheRoomsPage() {
        Room room = rooms.create(staff, "Classic " + suffix(), false);
        String frank = newUser("frank", false);
        String gina = newUser("gina", false);
        String box = "#room-" + room.id();
        var b = second.logIn(gina, PASSWORD).openLive("/rooms/" + room.slug());
        b.await(() -> b.isShown(box));

        // Frank uses the port of the tutorial's page: a click on the room joins it.
        var a = first.logIn(frank, PASSWORD).openLive("/multichat/");
        a.find("li.room-link[data-room-id='" + room.id() + "']").click();
        a.await(() -> a.isShown(box));
        assertThat(a.find(box + " h2").getText()).isEqualTo(room.title());
        b.await(() -> b.findAll(box + " .member-list li").size() == 2);

        String text = "Hi <b>there</b> <img src=x onerror=window.pwned=1>";
        b.find(box + " textarea").sendKeys(text, Keys.ENTER);
        a.await(() -> a.find(box + " .message .body").getText().equals(text));
        assertThat(a.find(box + " .message .username").getText()).isEqualTo(gina);
        assertThat(a.script("return window.pwned === undefined")).isEqualTo(true);
        assertThat(a.findAll(box + " .messages img")).isEmpty();

        a.find(box + " input").sendKeys("from the classic page");
        a.find(box + " button").click();
        b.await(() -> b.find(box + " li.theirs .text").getText().equals("from the classic page"));

        b.find(box + " .leave").click();
        a.await(() -> a.findAll(box + " .contextual-message").stream()
                .anyMatch(m -> m.getText().equals(gina + " left the room!")));
        a.screenshot("multichat-classic");
        // A second click leaves the room, as in the original.
        a.find("li.room-link[data-room-id='" + room.id() + "']").click();
        a.await(() -> !a.isShown(box));
    }

    /** Makes the staff user a member (staff post the welcome messages) and returns the room id. */
    /**
     * Whether the room's entry sits between neighbours in title order, as the page sorts them. The list
     * holds every room of the shared test database, so the entry's absolute place is not known.
     */
    private static boolean inTitleOrder(HeadlessBrowser browser, Room room) {
        return Boolean.TRUE.equals(browser.script("""
                const li = document.querySelector('#room-list li[data-room-id="' + arguments[0] + '"]');
                const before = (x, y) => x.dataset.title.localeCompare(y.dataset.title, undefined,
                    { sensitivity: 'base' }) <= 0;
                const prev = li.previousElementSibling;
                const next = li.nextElementSibling;
                return (!prev || before(prev, li)) && (!next || before(li, next));
                """, Long.toString(room.id())));
    }

    private long joined(Room room) {
        rooms.join(staff, room.id());
        return room.id();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
