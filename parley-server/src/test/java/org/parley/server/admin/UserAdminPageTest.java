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

import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The user admin pages and forms, as staff: what they show, what they change, what they refuse. */
class UserAdminPageTest extends AdminTestBase {

    @Autowired
    PasswordEncoder passwords;

    private String staff;

    @BeforeEach
    void staff() {
        staff = newUser("chief", true);
    }

    @Test
    void listSearchesUsernamesAndPagesThroughTheDatabase() throws Exception {
        String prefix = "pager" + System.nanoTime();
        for (int i = 0; i < 55; i++) {
            accounts.create(prefix + "-" + (100 + i), "password-x", false);
        }
        mvc.perform(get("/admin/users?q=" + prefix).with(as(staff)))
                .andExpect(status().isOk())
                .andExpect(view().name("admin/users"))
                .andExpect(content().string(containsString(prefix + "-100")))
                .andExpect(content().string(containsString(prefix + "-149")))
                .andExpect(content().string(not(containsString(prefix + "-150"))))
                .andExpect(model().attribute("nextUrl", "/admin/users?q=" + prefix + "&page=1"))
                .andExpect(model().attribute("previousUrl", (Object) null));
        mvc.perform(get("/admin/users")
                        .param("q", prefix.toUpperCase(Locale.ROOT))
                        .param("page", "1")
                        .with(as(staff)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(prefix + "-154")))
                .andExpect(content().string(not(containsString(prefix + "-149"))))
                .andExpect(model().attribute("nextUrl", (Object) null));
    }

    @Test
    void createsAUserAndWritesTheAuditLog() throws Exception {
        String name = "created" + System.nanoTime() % 1000000;
        mvc.perform(get("/admin/users/new").with(as(staff)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"_csrf\"")));
        mvc.perform(post("/admin/users")
                        .param("username", name)
                        .param("password", "a-good-password")
                        .param("staff", "true")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/admin/users/" + accountId(name)))
                .andExpect(flash().attribute("notice", "admin.users.created"));
        assertThat(chatUser(name).staff()).isTrue();
        assertThat(auditCount(staff, "user.created")).isEqualTo(1);
        mvc.perform(get("/admin/users/" + accountId(name)).with(as(staff)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("User " + name)));
    }

    @Test
    void theCreateFormReRendersWithFieldErrors() throws Exception {
        mvc.perform(post("/admin/users")
                        .param("username", "no spaces allowed")
                        .param("password", "a-good-password")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(view().name("admin/user-new"))
                .andExpect(model().attributeHasFieldErrorCode("newUser", "username", "account.error.usernameFormat"))
                .andExpect(content().string(containsString("id=\"error-username\"")))
                .andExpect(content().string(containsString("value=\"no spaces allowed\"")));
        mvc.perform(post("/admin/users")
                        .param("username", staff.toUpperCase(Locale.ROOT))
                        .param("password", "a-good-password")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(model().attributeHasFieldErrorCode("newUser", "username", "account.error.usernameTaken"));
        mvc.perform(post("/admin/users")
                        .param("username", "fine-name-" + System.nanoTime() % 1000)
                        .param("password", "short")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(model().attributeHasFieldErrorCode("newUser", "password", "account.error.passwordShort"))
                .andExpect(content().string(containsString("The password needs at least 8 characters.")));
        assertThat(auditCount(staff, "user.created")).isZero();
    }

    @Test
    void theFormsSpeakGerman() throws Exception {
        mvc.perform(get("/admin/users/new").header("Accept-Language", "de").with(as(staff)))
                .andExpect(content().string(containsString("Neuer Benutzer")))
                .andExpect(content().string(containsString("Verwaltung")));
    }

    @Test
    void setsAndRemovesTheStaffFlagButNotOnOneself() throws Exception {
        String user = newUser("helper", false);
        long id = accountId(user);
        mvc.perform(post("/admin/users/" + id + "/staff")
                        .param("value", "true")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/users/" + id))
                .andExpect(flash().attribute("notice", "admin.users.staffSet"));
        assertThat(chatUser(user).staff()).isTrue();
        mvc.perform(post("/admin/users/" + id + "/staff")
                        .param("value", "false")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(flash().attribute("notice", "admin.users.staffUnset"));
        assertThat(chatUser(user).staff()).isFalse();
        assertThat(auditCount(staff, "user.staff-set")).isEqualTo(1);
        assertThat(auditCount(staff, "user.staff-unset")).isEqualTo(1);

        long self = accountId(staff);
        mvc.perform(post("/admin/users/" + self + "/staff")
                        .param("value", "false")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/users/" + self))
                .andExpect(flash().attribute("problem", "parley.error.not-allowed-on-self"));
        assertThat(chatUser(staff).staff()).isTrue();
    }

    @Test
    void deactivatesAndActivatesButNotOneself() throws Exception {
        String user = newUser("leaver", false);
        long id = accountId(user);
        mvc.perform(post("/admin/users/" + id + "/active")
                        .param("value", "false")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(flash().attribute("notice", "admin.users.deactivated"));
        assertThat(directory.findByUsername(user)).isEmpty();
        assertThat(userDetails.loadUserByUsername(user).isEnabled()).isFalse();
        // An open session of the deactivated user is over at its next request.
        mvc.perform(get("/dialogs/").with(as(user)).accept("text/html")).andExpect(redirectedUrl("/login"));

        mvc.perform(post("/admin/users/" + id + "/active")
                        .param("value", "true")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(flash().attribute("notice", "admin.users.activated"));
        assertThat(directory.findByUsername(user)).isPresent();
        assertThat(auditCount(staff, "user.deactivated")).isEqualTo(1);
        assertThat(auditCount(staff, "user.activated")).isEqualTo(1);

        long self = accountId(staff);
        mvc.perform(post("/admin/users/" + self + "/active")
                        .param("value", "false")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(flash().attribute("problem", "parley.error.not-allowed-on-self"));
        assertThat(directory.findByUsername(staff)).isPresent();
    }

    @Test
    void resetsAPasswordAndReRendersOnATooShortOne() throws Exception {
        String user = newUser("forgetful", false);
        long id = accountId(user);
        mvc.perform(post("/admin/users/" + id + "/password")
                        .param("password", "short")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(view().name("admin/user"))
                .andExpect(
                        model().attributeHasFieldErrorCode("passwordForm", "password", "account.error.passwordShort"));
        mvc.perform(post("/admin/users/" + id + "/password")
                        .param("password", "brand-new-secret")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(flash().attribute("notice", "admin.users.passwordReset"));
        String hash = userDetails.loadUserByUsername(user).getPassword();
        assertThat(passwords.matches("brand-new-secret", hash)).isTrue();
        assertThat(auditCount(staff, "user.password-reset")).isEqualTo(1);
    }

    @Test
    void createsAnApiTokenShownOnceAndRevokesIt() throws Exception {
        String user = newUser("scripter", false);
        long id = accountId(user);
        var page = mvc.perform(post("/admin/users/" + id + "/tokens")
                        .param("name", "laptop")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"issued-token-value\">parley_")))
                .andReturn();
        assertThat(page.getRequest().getSession(false) == null
                        || page.getRequest().getSession(false).getAttribute("issuedToken") == null)
                .isTrue();
        long tokenId = jdbc.sql("select id from api_token where account_id = ?")
                .param(id)
                .query(Long.class)
                .single();
        mvc.perform(get("/admin/users/" + id).with(as(staff)))
                .andExpect(content().string(containsString("laptop")))
                .andExpect(content().string(not(containsString("issued-token-value"))));
        mvc.perform(post("/admin/users/" + id + "/tokens/" + tokenId + "/revoke")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(flash().attribute("notice", "admin.users.tokenRevoked"));
        assertThat(jdbc.sql("select revoked from api_token where id = ?")
                        .param(tokenId)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(auditCount(staff, "token.created")).isEqualTo(1);
        assertThat(auditCount(staff, "token.revoked")).isEqualTo(1);

        mvc.perform(post("/admin/users/" + id + "/tokens")
                        .param("name", " ")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(model().attributeHasFieldErrorCode("tokenForm", "name", "admin.users.error.tokenName"));
    }

    @Test
    void unknownIdsGive404() throws Exception {
        mvc.perform(get("/admin/users/987654321").with(as(staff)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("There is no such user.")));
        mvc.perform(post("/admin/users/987654321/staff")
                        .param("value", "true")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        String user = newUser("tokenless", false);
        mvc.perform(post("/admin/users/" + accountId(user) + "/tokens/987654321/revoke")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(status().isNotFound());
    }
}
