package org.parley.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
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

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.chat.admin.KeysetPage;
import org.parley.chat.dialog.Dialog;
import org.parley.chat.dialog.DialogService;
import org.parley.chat.message.MessageRepository;
import org.parley.chat.message.MessageService;
import org.springframework.beans.factory.annotation.Autowired;

/** The admin pages for chat data: dialogs, messages (with soft-delete and restore) and the audit log. */
class ChatAdminPageTest extends AdminTestBase {

    @Autowired
    MessageService messages;

    @Autowired
    MessageRepository messageRows;

    @Autowired
    DialogService dialogs;

    private String staff;
    private String ann;
    private String ben;
    private Dialog dialog;
    private long hello;

    @BeforeEach
    void chat() {
        staff = newUser("mod", true);
        ann = newUser("ann", false);
        ben = newUser("ben", false);
        dialog = dialogs.getOrCreate(chatUser(ann), chatUser(ben));
        hello = messages.send(chatUser(ann), ben, "hello <b>ben</b>", null).id();
        messages.send(chatUser(ben), ann, "hi ann", null);
    }

    @Test
    void dialogListFiltersByParticipantAndTime() throws Exception {
        mvc.perform(get("/admin/dialogs").param("participant", ann).with(as(staff)))
                .andExpect(status().isOk())
                .andExpect(view().name("parley/admin/dialogs"))
                .andExpect(content().string(containsString("id=\"dialog-" + dialog.id() + "\"")))
                .andExpect(content().string(containsString(ben)));
        mvc.perform(get("/admin/dialogs").param("participant", "nobody-at-all").with(as(staff)))
                .andExpect(content().string(not(containsString("id=\"dialog-" + dialog.id() + "\""))));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String longAgo = "2001-01-01";
        mvc.perform(get("/admin/dialogs")
                        .param("participant", ann)
                        .param(
                                "createdFrom",
                                LocalDate.now(ZoneOffset.UTC).minusDays(1).toString())
                        .param(
                                "modifiedTo",
                                LocalDate.now(ZoneOffset.UTC).plusDays(1).toString())
                        .with(as(staff)))
                .andExpect(content().string(containsString("id=\"dialog-" + dialog.id() + "\"")));
        mvc.perform(get("/admin/dialogs")
                        .param("participant", ann)
                        .param("createdTo", longAgo)
                        .with(as(staff)))
                .andExpect(content().string(not(containsString("id=\"dialog-" + dialog.id() + "\""))));
        mvc.perform(get("/admin/dialogs").param("modifiedFrom", today + "T99").with(as(staff)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"error-modifiedFrom\"")));
    }

    @Test
    void dialogPageShowsEveryMessageIncludingRemovedOnesAndUnknownIdsGive404() throws Exception {
        messages.setRemoved(chatUser(staff), hello, true);
        mvc.perform(get("/admin/dialogs/" + dialog.id()).with(as(staff)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Dialog between " + ann + " and " + ben)))
                .andExpect(content().string(containsString("hello &lt;b&gt;ben&lt;/b&gt;")))
                .andExpect(content().string(containsString("hi ann")))
                .andExpect(content().string(containsString("Restore")));
        mvc.perform(get("/admin/dialogs/987654321").with(as(staff)))
                .andExpect(status().isNotFound())
                .andExpect(view().name("parley/admin/error"));
    }

    @Test
    void messageListFiltersAndPagesByIdWithoutOffsets() throws Exception {
        var now = OffsetDateTime.now(ZoneOffset.UTC);
        long annId = chatUser(ann).id();
        for (int i = 0; i < 60; i++) {
            messageRows.insert(dialog.id(), annId, "bulk " + i, now);
        }
        var first = mvc.perform(get("/admin/messages")
                        .param("dialog", String.valueOf(dialog.id()))
                        .with(as(staff)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("bulk 59")))
                .andExpect(content().string(not(containsString(">hi ann<"))))
                .andReturn();
        @SuppressWarnings("unchecked")
        var page = (KeysetPage<org.parley.chat.admin.AdminMessage>)
                first.getModelAndView().getModel().get("messages");
        assertThat(page.items()).hasSize(50);
        assertThat(page.newerCursor()).isNull();
        String olderUrl = (String) first.getModelAndView().getModel().get("olderUrl");
        assertThat(olderUrl).isEqualTo("/admin/messages?dialog=" + dialog.id() + "&before=" + page.olderCursor());
        mvc.perform(get(olderUrl).with(as(staff)))
                .andExpect(content().string(containsString("hi ann")))
                .andExpect(content().string(containsString("bulk 0")))
                .andExpect(content().string(not(containsString("bulk 10<"))))
                .andExpect(model().attribute("olderUrl", (Object) null));

        mvc.perform(get("/admin/messages").param("sender", ben).with(as(staff)))
                .andExpect(content().string(containsString("hi ann")))
                .andExpect(content().string(not(containsString("bulk 1"))));
        mvc.perform(get("/admin/messages").param("q", "<B>BEN").with(as(staff)))
                .andExpect(content().string(containsString("id=\"message-" + hello + "\"")))
                .andExpect(content().string(not(containsString("hi ann"))));
        mvc.perform(get("/admin/messages")
                        .param("sender", ann)
                        .param("to", "2001-01-01")
                        .with(as(staff)))
                .andExpect(content().string(not(containsString("id=\"message-" + hello + "\""))));
        mvc.perform(get("/admin/messages").param("from", "yesterday").with(as(staff)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"error-from\"")));
    }

    @Test
    void removeAndRestoreAreAuditedAndNothingIsDeleted() throws Exception {
        String back = "/admin/messages?sender=" + ann;
        mvc.perform(post("/admin/messages/" + hello + "/remove")
                        .param("back", back)
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(redirectedUrl(back))
                .andExpect(flash().attribute("notice", "parley.admin.messages.removed"));
        assertThat(removed(hello)).isTrue();
        assertThat(messages.history(chatUser(ben), dialog.id(), null, null, null)
                        .messages())
                .noneMatch(m -> m.id() == hello);
        mvc.perform(get("/admin/messages")
                        .param("removed", "yes")
                        .param("sender", ann)
                        .with(as(staff)))
                .andExpect(content().string(containsString("id=\"message-" + hello + "\"")));
        mvc.perform(get("/admin/messages")
                        .param("removed", "no")
                        .param("sender", ann)
                        .with(as(staff)))
                .andExpect(content().string(not(containsString("id=\"message-" + hello + "\""))));

        // Removing twice changes nothing and records nothing.
        mvc.perform(post("/admin/messages/" + hello + "/remove").with(as(staff)).with(csrf()))
                .andExpect(redirectedUrl("/admin/messages"))
                .andExpect(flash().attribute("notice", "parley.admin.unchanged"));
        // A "back" target off the admin is ignored.
        mvc.perform(post("/admin/messages/" + hello + "/restore")
                        .param("back", "https://evil.example/admin/")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/messages"));
        assertThat(removed(hello)).isFalse();
        assertThat(auditCount(staff, "message.removed")).isEqualTo(1);
        assertThat(auditCount(staff, "message.restored")).isEqualTo(1);

        mvc.perform(post("/admin/messages/987654321/remove").with(as(staff)).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void auditLogPagesNewestFirstAndFilters() throws Exception {
        for (int i = 0; i < 3; i++) {
            mvc.perform(
                    post("/admin/messages/" + hello + "/remove").with(as(staff)).with(csrf()));
            mvc.perform(post("/admin/messages/" + hello + "/restore")
                    .with(as(staff))
                    .with(csrf()));
        }
        mvc.perform(get("/admin/audit").param("actor", staff).with(as(staff)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Message removed")))
                .andExpect(content().string(containsString("Message restored")))
                .andExpect(content().string(containsString("message " + hello)));
        var filtered = mvc.perform(get("/admin/audit")
                        .param("actor", staff)
                        .param("action", "message.removed")
                        .with(as(staff)))
                .andReturn();
        @SuppressWarnings("unchecked")
        var page = (KeysetPage<org.parley.chat.admin.AuditEntry>)
                filtered.getModelAndView().getModel().get("entries");
        assertThat(page.items()).hasSize(3).allMatch(e -> e.action().equals("message.removed"));
        assertThat(page.items().get(0).id()).isGreaterThan(page.items().get(2).id());
        mvc.perform(get("/admin/audit").header("Accept-Language", "de").with(as(staff)))
                .andExpect(content().string(containsString("Protokoll")));
    }

    @Test
    void adminHomeListsTheSections() throws Exception {
        mvc.perform(get("/admin/").with(as(staff)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/admin/users\"")))
                .andExpect(content().string(containsString("href=\"/admin/dialogs\"")))
                .andExpect(content().string(containsString("href=\"/admin/messages\"")))
                .andExpect(content().string(containsString("href=\"/admin/audit\"")));
    }

    private boolean removed(long id) {
        return jdbc.sql("select is_removed from chat_message where id = ?")
                .param(id)
                .query(Boolean.class)
                .single();
    }
}
