package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.parley.chat.room.Room;
import org.parley.chat.room.RoomService;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.server.account.AccountService;
import org.parley.server.support.ChatTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The rooms pages as a browser gets them: real login, real HTTP, rendered HTML. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RoomPagesTest {

    private static final String PASSWORD = "page-test-password";
    private static final Pattern ENTRY = Pattern.compile("<li class=\"room-entry[^\"]*\"\\s+id=\"room-link-(\\d+)\"");

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    ChatUserDirectory users;

    @Autowired
    RoomService rooms;

    @Test
    void homeIsTheRoomsPageWithLinksToRoomsAndDialogs() {
        var browser = logIn(newUser("home", false));

        var home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElse("")).endsWith("/rooms/");
        String page = browser.get("/rooms/").body();
        assertThat(page).contains("href=\"/rooms/\"").contains("href=\"/dialogs/\"");
        assertThat(browser.get("/dialogs/").body()).contains("href=\"/rooms/\"");
        // After logging in, a user lands on the home page.
        var login = new ChatTestClient(port)
                .postForm("/login", "/login", "username", newUser("lands", false), "password", PASSWORD);
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/");
    }

    @Test
    void withNoRoomsStaffGetALinkToTheAdminAndOthersAnExplanation() {
        ChatUser staff = users.findByUsername(newUser("staff", true)).orElseThrow();
        // Rooms other tests of this context made are deleted for this test.
        for (Room room : rooms.roomsFor(staff)) {
            rooms.delete(staff, room.id());
        }

        String forStaff = logIn(staff.username()).get("/rooms/").body();
        assertThat(forStaff).contains("<div id=\"no-rooms\" class=\"empty-state\">");
        assertThat(forStaff).contains("id=\"admin-link\" href=\"/admin/rooms\"");
        assertThat(entries(forStaff)).isEmpty();

        String forUser = logIn(newUser("user", false)).get("/rooms/").body();
        assertThat(forUser).contains("There are no rooms yet. Staff can create them.");
        assertThat(forUser).doesNotContain("admin-link");

        rooms.create(staff, "First room " + UUID.randomUUID(), false);
        assertThat(logIn(staff.username()).get("/rooms/").body())
                .contains("<div id=\"no-rooms\" class=\"empty-state\" hidden=\"hidden\">");
    }

    @Test
    void theListIsOrderedByTitleAndStaffOnlyRoomsAreHiddenFromNonStaff() {
        ChatUser staff = users.findByUsername(newUser("staff", true)).orElseThrow();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Room b = rooms.create(staff, "Bb room " + tag, false);
        Room a = rooms.create(staff, "aa room " + tag, false);
        Room secret = rooms.create(staff, "Ab secret " + tag, true);
        String user = newUser("user", false);

        List<Long> seen = entries(logIn(user).get("/rooms/").body());
        assertThat(seen).contains(a.id(), b.id()).doesNotContain(secret.id());
        assertThat(seen.indexOf(a.id())).isLessThan(seen.indexOf(b.id()));
        List<Long> staffSees = entries(logIn(staff.username()).get("/rooms/").body());
        assertThat(staffSees.indexOf(a.id())).isLessThan(staffSees.indexOf(secret.id()));
        assertThat(staffSees.indexOf(secret.id())).isLessThan(staffSees.indexOf(b.id()));

        // A staff-only room's address is the same 404 as an address that does not exist, title unsaid.
        var hidden = logIn(user).get("/rooms/" + secret.slug());
        var missing = logIn(user).get("/rooms/no-such-room-" + tag);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).doesNotContain(secret.title()).contains("Room not found");
        assertThat(logIn(staff.username()).get("/rooms/" + secret.slug()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRoomsAddressOpensThePageForThatRoomWithEscapedTitles() {
        ChatUser staff = users.findByUsername(newUser("staff", true)).orElseThrow();
        Room room = rooms.create(staff, "<script>alert(1)</script> Café", false);
        assertThat(room.slug()).startsWith("script-alert-1-script-cafe");

        var page = logIn(newUser("visitor", false)).get("/rooms/" + room.slug());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-open-room=\"" + room.id() + "\"");
        assertThat(page.body())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; Café")
                .doesNotContain("<script>alert(1)");
    }

    @Test
    void thePageIsInGermanForAGermanBrowser() {
        String body = logIn(newUser("german", false))
                .get("/rooms/", "Accept-Language", "de-DE,de;q=0.9")
                .body();
        assertThat(body).contains("<html lang=\"de\">").contains(">Räume<");
        assertThat(body).contains("hat den Raum betreten"); // the script's strings, in German too
    }

    private static List<Long> entries(String page) {
        List<Long> ids = new ArrayList<>();
        Matcher m = ENTRY.matcher(page);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    private ChatTestClient logIn(String username) {
        return new ChatTestClient(port).logIn(username, PASSWORD);
    }

    private String newUser(String prefix, boolean staff) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(name, PASSWORD, staff);
        return name;
    }
}
