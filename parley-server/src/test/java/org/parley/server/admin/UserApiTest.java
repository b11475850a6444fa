package org.parley.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.chat.message.MessageService;
import org.parley.chat.room.RoomService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The read API every user has: who they are, their dialogs and their messages, with the pages' access rules. */
class UserApiTest extends AdminTestBase {

    @Autowired
    MessageService messages;

    @Autowired
    JsonMapper json;

    @Autowired
    RoomService rooms;

    private String cat;
    private String dan;
    private final List<Long> sent = new ArrayList<>();

    @BeforeEach
    void talk() {
        cat = newUser("cat", false);
        dan = newUser("dan", false);
        sent.clear();
        for (int i = 0; i < 7; i++) {
            String from = i % 2 == 0 ? cat : dan;
            String to = i % 2 == 0 ? dan : cat;
            sent.add(messages.send(chatUser(from), to, "line " + i, null).id());
        }
    }

    private JsonNode getJson(String path, String as) throws Exception {
        return json.readTree(mvc.perform(get(path).with(as(as)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void meSaysWhoTheCallerIs() throws Exception {
        mvc.perform(get("/api/me").with(as(cat)))
                .andExpect(jsonPath("$.username").value(cat))
                .andExpect(jsonPath("$.staff").value(false))
                .andExpect(jsonPath("$.id").value(chatUser(cat).id()));
    }

    @Test
    void dialogsCarryUnreadCountsAndTheLastMessage() throws Exception {
        JsonNode list = getJson("/api/dialogs", dan);
        assertThat(list).hasSize(1);
        JsonNode row = list.get(0);
        assertThat(row.path("otherUsername").asString()).isEqualTo(cat);
        // cat sent lines 0, 2, 4, 6 to dan, none read yet.
        assertThat(row.path("unread").asLong()).isEqualTo(4);
        assertThat(row.path("lastMessage").path("text").asString()).isEqualTo("line 6");
        assertThat(row.path("lastMessage").path("id").asLong()).isEqualTo(sent.get(6));

        messages.setRemoved(chatUser(newUser("remover", true)), sent.get(6), true);
        JsonNode after = getJson("/api/dialogs", dan).get(0);
        assertThat(after.path("unread").asLong()).isEqualTo(3);
        assertThat(after.path("lastMessage").path("text").asString()).isEqualTo("line 5");
        assertThat(getJson("/api/dialogs?page=1", dan)).isEmpty();
    }

    @Test
    void messagesPageByIdNewestFirstWithBeforeAndAfter() throws Exception {
        JsonNode newest = getJson("/api/dialogs/" + dan + "/messages?limit=3", cat);
        assertThat(ids(newest)).containsExactly(sent.get(6), sent.get(5), sent.get(4));
        assertThat(newest.path("hasMore").asBoolean()).isTrue();

        JsonNode older = getJson("/api/dialogs/" + dan + "/messages?limit=3&before=" + sent.get(4), cat);
        assertThat(ids(older)).containsExactly(sent.get(3), sent.get(2), sent.get(1));
        assertThat(older.path("hasMore").asBoolean()).isTrue();
        JsonNode oldest = getJson("/api/dialogs/" + dan + "/messages?limit=3&before=" + sent.get(1), cat);
        assertThat(ids(oldest)).containsExactly(sent.get(0));
        assertThat(oldest.path("hasMore").asBoolean()).isFalse();

        JsonNode newer = getJson("/api/dialogs/" + dan + "/messages?limit=2&after=" + sent.get(2), cat);
        assertThat(ids(newer)).containsExactly(sent.get(4), sent.get(3));
        assertThat(newer.path("hasMore").asBoolean()).isTrue();

        // Removed messages never reach users.
        messages.setRemoved(chatUser(newUser("remover", true)), sent.get(5), true);
        assertThat(ids(getJson("/api/dialogs/" + dan + "/messages", cat)))
                .doesNotContain(sent.get(5))
                .hasSize(6);
    }

    @Test
    void sameAccessRulesAsThePages() throws Exception {
        String eve = newUser("eve", false);
        // A user with no dialog with dan reads nothing, and reading starts no dialog.
        assertThat(ids(getJson("/api/dialogs/" + dan + "/messages", eve))).isEmpty();
        assertThat(getJson("/api/dialogs", eve)).isEmpty();
        mvc.perform(get("/api/dialogs/nobody-here/messages").with(as(cat)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("user-not-found"));
        mvc.perform(get("/api/dialogs/" + cat + "/messages").with(as(cat)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid-recipient"));
        mvc.perform(get("/api/dialogs/" + dan + "/messages")
                        .param("before", "1")
                        .param("after", "2")
                        .with(as(cat)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid-input"));
        for (String path : List.of("/api/me", "/api/dialogs", "/api/dialogs/" + dan + "/messages")) {
            mvc.perform(get(path))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("forbidden"));
        }
        mvc.perform(get("/api/no-such-endpoint").with(as(cat)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        // Outside /api/ an unknown path is left to the application's own 404.
        mvc.perform(get("/no-such-page").with(as(cat)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(r -> assertThat(String.valueOf(r.getResponse().getContentType()))
                        .doesNotContain("problem"));
    }

    @Test
    void roomsAndTheirMessagesWithTheRoomRules() throws Exception {
        var staff = chatUser(newUser("roomstaff", true));
        var open = rooms.create(staff, "Open " + System.nanoTime(), false);
        var secret = rooms.create(staff, "Secret " + System.nanoTime(), true);
        rooms.join(chatUser(cat), open.id());
        List<Long> roomSent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            roomSent.add(messages.sendToRoom(chatUser(cat), open.id(), "room line " + i, null)
                    .id());
        }
        JsonNode list = getJson("/api/rooms", cat);
        List<Long> ids = new ArrayList<>();
        list.forEach(r -> ids.add(r.path("id").asLong()));
        assertThat(ids).contains(open.id()).doesNotContain(secret.id());
        list.forEach(r -> {
            if (r.path("id").asLong() == open.id()) {
                assertThat(r.path("member").asBoolean()).isTrue();
            }
        });
        assertThat(ids(getJson("/api/rooms/" + open.id() + "/messages?limit=2", cat)))
                .containsExactly(roomSent.get(3), roomSent.get(2));
        assertThat(ids(getJson("/api/rooms/" + open.id() + "/messages?before=" + roomSent.get(2), cat)))
                .containsExactly(roomSent.get(1), roomSent.get(0));
        assertThat(ids(getJson("/api/rooms/" + open.id() + "/messages?after=" + roomSent.get(2), cat)))
                .containsExactly(roomSent.get(3));

        // Not joined: refused as on the socket; staff-only for non-staff: as if it did not exist.
        mvc.perform(get("/api/rooms/" + open.id() + "/messages").with(as(dan)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("room-access-denied"));
        mvc.perform(get("/api/rooms/" + secret.id() + "/messages").with(as(dan)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("room-not-found"));
        mvc.perform(get("/api/rooms/987654321/messages").with(as(dan)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("room-not-found"));
        mvc.perform(get("/api/rooms")).andExpect(status().isForbidden());
    }

    @Test
    void theApiIsDescribedWithOpenApi() throws Exception {
        JsonNode docs = json.readTree(mvc.perform(get("/api/docs"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        var paths = docs.path("paths");
        for (String path : List.of(
                "/api/me",
                "/api/dialogs",
                "/api/dialogs/{username}/messages",
                "/api/admin/users",
                "/api/admin/users/{id}/tokens",
                "/api/admin/dialogs",
                "/api/admin/messages",
                "/api/admin/messages/{id}/remove",
                "/api/admin/audit",
                "/api/rooms",
                "/api/rooms/{id}/messages",
                "/api/admin/rooms",
                "/api/admin/rooms/{id}/members")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(docs.path("components").path("securitySchemes").has("token")).isTrue();
        String ui = mvc.perform(get("/api/docs/ui"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        mvc.perform(get(ui))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("swagger-ui")));
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.path("messages").forEach(m -> ids.add(m.path("id").asLong()));
        return ids;
    }
}
