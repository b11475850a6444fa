package org.parley.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.chat.dialog.Dialog;
import org.parley.chat.dialog.DialogService;
import org.parley.chat.message.MessageService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin JSON API: each endpoint for staff (session or personal token), its errors and its audit. */
class AdminApiTest extends AdminTestBase {

    @Autowired
    MessageService messages;

    @Autowired
    DialogService dialogs;

    @Autowired
    JsonMapper json;

    private String staff;
    private String user;
    private long userId;

    @BeforeEach
    void users() {
        staff = newUser("apiboss", true);
        user = newUser("apiuser", false);
        userId = accountId(user);
    }

    private MockHttpServletRequestBuilder postJson(String path, String body) {
        return post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .with(as(staff))
                .with(csrf());
    }

    private JsonNode read(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    @Test
    void usersListCreateShowAndFlags() throws Exception {
        mvc.perform(get("/api/admin/users").param("q", user).with(as(staff)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].username").value(user))
                .andExpect(jsonPath("$.items[0].staff").value(false))
                .andExpect(jsonPath("$.hasNext").value(false));
        String name = "apinew" + System.nanoTime() % 1000000;
        mvc.perform(postJson("/api/admin/users", "{\"username\":\"" + name + "\",\"password\":\"long-enough\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.username").value(name))
                .andExpect(jsonPath("$.active").value(true));
        mvc.perform(get("/api/admin/users/" + accountId(name)).with(as(staff)))
                .andExpect(jsonPath("$.chatUserId").value(chatUser(name).id()));

        mvc.perform(postJson("/api/admin/users/" + userId + "/staff", ""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.staff").value(true));
        mvc.perform(delete("/api/admin/users/" + userId + "/staff")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(jsonPath("$.staff").value(false));
        mvc.perform(postJson("/api/admin/users/" + userId + "/deactivate", ""))
                .andExpect(jsonPath("$.active").value(false));
        mvc.perform(postJson("/api/admin/users/" + userId + "/activate", ""))
                .andExpect(jsonPath("$.active").value(true));
        mvc.perform(postJson("/api/admin/users/" + userId + "/password", "{\"password\":\"another-secret\"}"))
                .andExpect(status().isNoContent());
        assertThat(auditCount(staff, "user.created")).isEqualTo(1);
        assertThat(auditCount(staff, "user.password-reset")).isEqualTo(1);
        mvc.perform(get("/api/admin/audit").param("actor", staff).with(as(staff)))
                .andExpect(jsonPath("$.items[0].action").value("user.password-reset"))
                .andExpect(jsonPath("$.items[0].targetId").value(user))
                .andExpect(jsonPath("$.items.length()").value(6));
    }

    @Test
    void badInputIsAProblemWithFieldErrors() throws Exception {
        mvc.perform(postJson("/api/admin/users", "{\"username\":\"x\",\"password\":\"long-enough\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("invalid-input"))
                .andExpect(jsonPath("$.errors.username").value(startsWith("Use 2 to 150")));
        mvc.perform(postJson("/api/admin/users/" + userId + "/password", "{\"password\":\"short\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.password").exists());
        mvc.perform(postJson("/api/admin/users", "not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("bad-json"));
        mvc.perform(get("/api/admin/messages").param("before", "abc").with(as(staff)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("wrong-field-type"));
        mvc.perform(get("/api/admin/messages").param("from", "soon").with(as(staff)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.from").exists());
        var problem = read(mvc.perform(get("/api/admin/users/987654321").with(as(staff)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("user-not-found")));
        assertThat(problem.toString()).doesNotContain("Exception").doesNotContain("at org.");
        mvc.perform(get("/api/admin/dialogs/987654321").with(as(staff)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("dialog-not-found"));
        mvc.perform(post("/api/admin/messages/987654321/remove").with(as(staff)).with(csrf()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("message-not-found"));
    }

    @Test
    void staffCannotUnstaffOrDeactivateThemselves() throws Exception {
        long self = accountId(staff);
        mvc.perform(delete("/api/admin/users/" + self + "/staff")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("not-allowed-on-self"));
        mvc.perform(postJson("/api/admin/users/" + self + "/deactivate", ""))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("not-allowed-on-self"));
        assertThat(chatUser(staff).staff()).isTrue();
    }

    @Test
    void dialogsAndMessagesWithRemoveAndRestore() throws Exception {
        String other = newUser("apiother", false);
        Dialog dialog = dialogs.getOrCreate(chatUser(user), chatUser(other));
        long id = messages.send(chatUser(user), other, "moderate me", null).id();
        mvc.perform(get("/api/admin/dialogs").param("participant", user).with(as(staff)))
                .andExpect(jsonPath("$.items[0].id").value(dialog.id()))
                .andExpect(jsonPath("$.items[0].ownerUsername").value(user));
        mvc.perform(get("/api/admin/dialogs/" + dialog.id()).with(as(staff)))
                .andExpect(jsonPath("$.opponentUsername").value(other));
        mvc.perform(get("/api/admin/dialogs/" + dialog.id() + "/messages").with(as(staff)))
                .andExpect(jsonPath("$.items[0].text").value("moderate me"))
                .andExpect(jsonPath("$.olderCursor").doesNotExist());
        mvc.perform(post("/api/admin/messages/" + id + "/remove")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.removed").value(true));
        mvc.perform(get("/api/admin/messages")
                        .param("removed", "true")
                        .param("sender", user)
                        .with(as(staff)))
                .andExpect(jsonPath("$.items[*].id", hasItem((int) id)));
        mvc.perform(get("/api/admin/messages/" + id).with(as(staff)))
                .andExpect(jsonPath("$.removed").value(true));
        mvc.perform(post("/api/admin/messages/" + id + "/restore")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(jsonPath("$.removed").value(false));
        assertThat(auditCount(staff, "message.removed")).isEqualTo(1);
        assertThat(auditCount(staff, "message.restored")).isEqualTo(1);
    }

    @Test
    void roomsCreateRenameStaffOnlyMembersAndDelete() throws Exception {
        String title = "Api room " + System.nanoTime();
        var created = read(mvc.perform(postJson("/api/admin/rooms", "{\"title\":\"" + title + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.title").value(title))
                .andExpect(jsonPath("$.staffOnly").value(false))
                .andExpect(jsonPath("$.members").value(0)));
        long id = created.path("id").asLong();
        mvc.perform(get("/api/admin/rooms").param("q", title).with(as(staff)))
                .andExpect(jsonPath("$.items[0].id").value(id));
        mvc.perform(postJson("/api/admin/rooms/" + id + "/rename", "{\"title\":\"Renamed\"}"))
                .andExpect(jsonPath("$.title").value("Renamed"));
        mvc.perform(postJson("/api/admin/rooms/" + id + "/rename", "{\"title\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid-input"))
                .andExpect(jsonPath("$.errors.title").exists());
        mvc.perform(postJson("/api/admin/rooms", "{\"title\":\"x\",\"slug\":\"Bad Slug\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.slug").exists());
        mvc.perform(postJson("/api/admin/rooms/" + id + "/staff-only", ""))
                .andExpect(jsonPath("$.staffOnly").value(true));
        mvc.perform(delete("/api/admin/rooms/" + id + "/staff-only")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(jsonPath("$.staffOnly").value(false));
        mvc.perform(get("/api/admin/rooms/" + id + "/members").with(as(staff)))
                .andExpect(jsonPath("$.items").isEmpty());
        mvc.perform(delete("/api/admin/rooms/" + id).with(as(staff)).with(csrf()))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/admin/rooms/" + id).with(as(staff)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("room-not-found"));
        assertThat(auditCount(staff, "room.created")).isEqualTo(1);
        assertThat(auditCount(staff, "room.deleted")).isEqualTo(1);
    }

    @Test
    void muteAndUnmute() throws Exception {
        mvc.perform(postJson("/api/admin/users/" + userId + "/mute", ""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.muted").value(true));
        mvc.perform(delete("/api/admin/users/" + userId + "/mute")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(jsonPath("$.muted").value(false));
        assertThat(auditCount(staff, "user.muted")).isEqualTo(1);
        assertThat(auditCount(staff, "user.unmuted")).isEqualTo(1);
    }

    @Test
    void personalTokensAuthenticateWithoutSessionOrCsrfUntilRevoked() throws Exception {
        var issued = read(mvc.perform(postJson("/api/admin/users/" + accountId(staff) + "/tokens", "{\"name\":\"ci\"}"))
                .andExpect(status().isCreated()));
        String token = issued.path("token").asString();
        long tokenId = issued.path("id").asLong();
        assertThat(token).startsWith("parley_");
        String stored = jdbc.sql("select token_hash from api_token where id = ?")
                .param(tokenId)
                .query(String.class)
                .single();
        assertThat(stored).doesNotContain(token).hasSize(64);

        mvc.perform(get("/api/admin/users/" + userId + "/tokens").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());
        // No session and no CSRF token: a bearer request cannot be forged by another site.
        mvc.perform(post("/api/admin/users/" + userId + "/staff").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.staff").value(true));
        mvc.perform(get("/api/admin/users/" + accountId(staff) + "/tokens").with(as(staff)))
                .andExpect(jsonPath("$[0].name").value("ci"))
                .andExpect(jsonPath("$[0].lastUsed").exists())
                .andExpect(jsonPath("$[0].token").doesNotExist());

        mvc.perform(get("/api/admin/users").header("Authorization", "Bearer parley_not-a-real-token"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("token-invalid"));
        mvc.perform(get("/api/admin/users").param("access_token", token)).andExpect(status().isForbidden());

        mvc.perform(delete("/api/admin/users/" + accountId(staff) + "/tokens/" + tokenId)
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/admin/users").header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aNonStaffUsersTokenReachesTheReadApiButNotTheAdmin() throws Exception {
        String token = read(mvc.perform(postJson("/api/admin/users/" + userId + "/tokens", "{\"name\":\"phone\"}")))
                .path("token")
                .asString();
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(user));
        mvc.perform(get("/api/admin/users").header("Authorization", "Bearer " + token))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("forbidden"));
        // A deactivated account's token stops working at once.
        mvc.perform(postJson("/api/admin/users/" + userId + "/deactivate", "")).andExpect(status().isOk());
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
    }
}
