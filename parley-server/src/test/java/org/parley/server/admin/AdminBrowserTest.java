package org.parley.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.chat.message.MessageService;
import org.parley.server.support.HeadlessBrowser;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Staff in one real headless Chromium, a user in another: what staff do in the admin pages shows up live on
 * the user's open pages. Screenshots go to target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminBrowserTest extends AdminTestBase {

    @Autowired
    MessageService messages;

    private HeadlessBrowser staffBrowser;
    private HeadlessBrowser userBrowser;

    @BeforeAll
    void startBrowsers() {
        staffBrowser = HeadlessBrowser.start(base());
        userBrowser = HeadlessBrowser.start(base());
    }

    @AfterAll
    void stopBrowsers() {
        if (staffBrowser != null) {
            staffBrowser.close();
        }
        if (userBrowser != null) {
            userBrowser.close();
        }
    }

    @Test
    void aRoomStaffCreatesAppearsLiveInTheUsersRoomList() {
        String staff = newUser("browserstaff", true);
        String user = newUser("browseruser", false);
        var u = userBrowser.logIn(user, "password-" + user).openLive("/rooms/");
        var s = staffBrowser.logIn(staff, "password-" + staff).open("/admin/rooms");

        String title = "Fresh room " + System.nanoTime();
        s.find("#room-title").sendKeys(title);
        s.find("#create-room").click();
        s.await(() -> s.isShown("#admin-room"));
        long roomId = Long.parseLong(s.attribute("#admin-room", "data-room-id"));

        String entry = "#room-link-" + roomId;
        u.await(() -> u.isShown(entry));
        assertThat(u.find(entry + " .room-name").getText()).isEqualTo(title);
        u.screenshot("admin-room-appears-user");
        s.screenshot("admin-room-created-staff");

        // Deleted in the admin: gone from the open list, without a reload.
        s.find("#delete-room-form button").click();
        s.await(() -> s.isShown("#admin-rooms"));
        u.await(() -> !u.isShown(entry));
    }

    @Test
    void aMessageStaffRemovesDisappearsLiveFromTheUsersPage() {
        String staff = newUser("browsermod", true);
        String user = newUser("reader", false);
        String writer = newUser("writer", false);
        messages.send(chatUser(writer), user, "keep this", null);
        long bad = messages.send(chatUser(writer), user, "remove this", null).id();

        var u = userBrowser.logIn(user, "password-" + user).openLive("/dialogs/" + writer);
        String row = "#messages li[data-id='" + bad + "']";
        u.await(() -> u.isShown(row));
        assertThat(u.findAll("#messages li[data-id]")).hasSize(2);

        var s = staffBrowser.logIn(staff, "password-" + staff).open("/admin/messages?sender=" + writer);
        s.find("#message-" + bad + " button.remove").click();
        s.await(() -> s.isShown("#admin-notice"));
        s.screenshot("admin-message-removed-staff");

        u.await(() -> !u.isShown(row));
        assertThat(u.findAll("#messages li[data-id]")).hasSize(1);
        assertThat(u.find("#messages li[data-id] .text").getText()).isEqualTo("keep this");
        u.screenshot("admin-message-removed-user");
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
