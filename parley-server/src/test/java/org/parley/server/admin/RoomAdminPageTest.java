package org.parley.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.chat.message.MessageService;
import org.parley.chat.presence.PresenceService;
import org.parley.chat.room.Room;
import org.parley.chat.room.RoomService;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.springframework.beans.factory.annotation.Autowired;

/** The room admin pages and the mute form, as staff. */
class RoomAdminPageTest extends AdminTestBase {

    @Autowired
    RoomService rooms;

    @Autowired
    MessageService messages;

    @Autowired
    PresenceService presence;

    private String staff;

    @BeforeEach
    void staff() {
        staff = newUser("roomboss", true);
    }

    private long roomId(String title) {
        return jdbc.sql("select id from room where title = ? and deleted is null")
                .param(title)
                .query(Long.class)
                .single();
    }

    @Test
    void createsARoomAndReRendersTheFormOnBadInput() throws Exception {
        String title = "Lobby " + System.nanoTime();
        mvc.perform(post("/admin/rooms").param("title", title).with(as(staff)).with(csrf()))
                .andExpect(redirectedUrl("/admin/rooms/" + roomId(title)))
                .andExpect(flash().attribute("notice", "parley.admin.rooms.createdNotice"));
        assertThat(auditCount(staff, "room.created")).isEqualTo(1);
        mvc.perform(get("/admin/rooms").param("q", title).with(as(staff)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(title)));

        mvc.perform(post("/admin/rooms").param("title", "  ").with(as(staff)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(view().name("parley/admin/rooms"))
                .andExpect(model().attribute("fieldErrors", Map.of("title", "parley.error.title-invalid")))
                .andExpect(content().string(containsString("id=\"error-title\"")));
        mvc.perform(post("/admin/rooms")
                        .param("title", "Fine title")
                        .param("slug", "Not A Slug!")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(model().attribute("fieldErrors", Map.of("slug", "parley.error.slug-invalid")))
                .andExpect(content().string(containsString("value=\"Fine title\"")));
        String slug = jdbc.sql("select slug from room where id = ?")
                .param(roomId(title))
                .query(String.class)
                .single();
        mvc.perform(post("/admin/rooms")
                        .param("title", "Other")
                        .param("slug", slug)
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(model().attribute("fieldErrors", Map.of("slug", "parley.error.slug-invalid")));
        assertThat(auditCount(staff, "room.created")).isEqualTo(1);
    }

    @Test
    void renamesTogglesStaffOnlyAndDeletesWithAudit() throws Exception {
        Room room = rooms.create(chatUser(staff), "Before " + System.nanoTime(), false);
        long id = room.id();
        mvc.perform(post("/admin/rooms/" + id + "/rename")
                        .param("title", "After")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/rooms/" + id));
        assertThat(rooms.requireVisible(chatUser(staff), id).title()).isEqualTo("After");
        mvc.perform(post("/admin/rooms/" + id + "/rename")
                        .param("title", "")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(view().name("parley/admin/room"))
                .andExpect(model().attribute("fieldErrors", Map.of("title", "parley.error.title-invalid")));

        String user = newUser("roomer", false);
        rooms.join(chatUser(user), id);
        mvc.perform(post("/admin/rooms/" + id + "/staff-only")
                        .param("value", "true")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(flash().attribute("notice", "parley.admin.rooms.staffOnlySet"));
        assertThatThrownBy(() -> rooms.requireVisible(chatUser(user), id))
                .isInstanceOf(ChatException.class)
                .extracting(e -> ((ChatException) e).code())
                .isEqualTo(ErrorCode.ROOM_NOT_FOUND);
        mvc.perform(post("/admin/rooms/" + id + "/staff-only")
                        .param("value", "false")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(flash().attribute("notice", "parley.admin.rooms.staffOnlyUnset"));

        mvc.perform(post("/admin/rooms/" + id + "/delete").with(as(staff)).with(csrf()))
                .andExpect(redirectedUrl("/admin/rooms"))
                .andExpect(flash().attribute("notice", "parley.admin.rooms.deleted"));
        mvc.perform(get("/admin/rooms/" + id).with(as(staff))).andExpect(status().isNotFound());
        mvc.perform(post("/admin/rooms/" + id + "/delete").with(as(staff)).with(csrf()))
                .andExpect(status().isNotFound());
        // The room's row stays (soft delete), for the record.
        assertThat(jdbc.sql("select count(*) from room where id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(auditCount(staff, "room.renamed")).isEqualTo(1);
        assertThat(auditCount(staff, "room.staff-only-set")).isEqualTo(1);
        assertThat(auditCount(staff, "room.staff-only-unset")).isEqualTo(1);
        assertThat(auditCount(staff, "room.deleted")).isEqualTo(1);
    }

    @Test
    void roomPageShowsMembersAndWhoIsOnline() throws Exception {
        Room room = rooms.create(chatUser(staff), "Members " + System.nanoTime(), false);
        String here = newUser("here", false);
        String away = newUser("away", false);
        rooms.join(chatUser(here), room.id());
        rooms.join(chatUser(away), room.id());
        presence.connected(chatUser(here), "test-connection-" + here);
        try {
            mvc.perform(get("/admin/rooms/" + room.id()).with(as(staff)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("id=\"member-" + here + "\" class=\"online\"")))
                    .andExpect(content().string(containsString("id=\"member-" + away + "\" class=\"offline\"")));
            mvc.perform(get("/api/admin/rooms/" + room.id() + "/members").with(as(staff)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("\"username\":\"" + here + "\"")))
                    .andExpect(content().string(containsString("\"online\":true")));
        } finally {
            presence.disconnected(chatUser(here), "test-connection-" + here);
        }
    }

    @Test
    void roomMessagesAreListedAndFilteredByRoom() throws Exception {
        Room room = rooms.create(chatUser(staff), "Talk " + System.nanoTime(), false);
        String talker = newUser("talker", false);
        rooms.join(chatUser(talker), room.id());
        long id = messages.sendToRoom(chatUser(talker), room.id(), "room words", null)
                .id();
        mvc.perform(get("/admin/messages")
                        .param("room", String.valueOf(room.id()))
                        .with(as(staff)))
                .andExpect(content().string(containsString("id=\"message-" + id + "\"")))
                .andExpect(content().string(containsString("href=\"/admin/rooms/" + room.id() + "\"")));
        mvc.perform(post("/admin/messages/" + id + "/remove").with(as(staff)).with(csrf()));
        assertThat(messages.roomHistory(chatUser(talker), room.id(), null, null, null)
                        .messages())
                .noneMatch(m -> m.id() == id);
    }

    @Test
    void mutingStopsRoomPostsAndIsAudited() throws Exception {
        Room room = rooms.create(chatUser(staff), "Quiet " + System.nanoTime(), false);
        String loud = newUser("loud", false);
        rooms.join(chatUser(loud), room.id());
        long id = accountId(loud);
        mvc.perform(post("/admin/users/" + id + "/mute")
                        .param("value", "true")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(flash().attribute("notice", "admin.users.mutedNotice"));
        assertThatThrownBy(() -> messages.sendToRoom(chatUser(loud), room.id(), "hello?", null))
                .extracting(e -> ((ChatException) e).code())
                .isEqualTo(ErrorCode.USER_MUTED);
        mvc.perform(get("/admin/users/" + id).with(as(staff)))
                .andExpect(content().string(containsString("Unmute")));
        mvc.perform(post("/admin/users/" + id + "/mute")
                        .param("value", "false")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(flash().attribute("notice", "admin.users.unmutedNotice"));
        assertThat(messages.sendToRoom(chatUser(loud), room.id(), "back", null).text())
                .isEqualTo("back");
        assertThat(auditCount(staff, "user.muted")).isEqualTo(1);
        assertThat(auditCount(staff, "user.unmuted")).isEqualTo(1);
        mvc.perform(get("/admin/users").param("q", loud).with(as(staff)))
                .andExpect(content().string(not(containsString("??"))));
    }
}
