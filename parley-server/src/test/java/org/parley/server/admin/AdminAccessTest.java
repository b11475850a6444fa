package org.parley.server.admin;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every admin page, form and API endpoint refuses a logged-in user who is not staff with 403, and an
 * anonymous visitor with a login redirect (pages) or 403 (API); staff get through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminAccessTest extends AdminTestBase {

    private String plain;
    private String staff;
    private long plainId;

    @BeforeAll
    void users() {
        plain = newUser("plain", false);
        staff = newUser("boss", true);
        plainId = accountId(plain);
    }

    /** Every admin page (GET) and form (POST); ids need not exist, the refusal comes first. */
    static Stream<String> pages() {
        return Stream.of(
                "GET /admin/",
                "GET /admin",
                "GET /admin/users",
                "GET /admin/users/new",
                "GET /admin/users/1",
                "POST /admin/users",
                "POST /admin/users/1/staff",
                "POST /admin/users/1/active",
                "POST /admin/users/1/mute",
                "POST /admin/users/1/password",
                "POST /admin/users/1/tokens",
                "POST /admin/users/1/tokens/1/revoke",
                "GET /admin/rooms",
                "POST /admin/rooms",
                "GET /admin/rooms/1",
                "POST /admin/rooms/1/rename",
                "POST /admin/rooms/1/staff-only",
                "POST /admin/rooms/1/delete",
                "GET /admin/dialogs",
                "GET /admin/dialogs/1",
                "GET /admin/messages",
                "POST /admin/messages/1/remove",
                "POST /admin/messages/1/restore",
                "GET /admin/audit");
    }

    /** Every admin API endpoint. */
    static Stream<String> api() {
        return Stream.of(
                "GET /api/admin/users",
                "POST /api/admin/users",
                "GET /api/admin/users/1",
                "POST /api/admin/users/1/staff",
                "DELETE /api/admin/users/1/staff",
                "POST /api/admin/users/1/deactivate",
                "POST /api/admin/users/1/activate",
                "POST /api/admin/users/1/mute",
                "DELETE /api/admin/users/1/mute",
                "POST /api/admin/users/1/password",
                "GET /api/admin/users/1/tokens",
                "POST /api/admin/users/1/tokens",
                "DELETE /api/admin/users/1/tokens/1",
                "GET /api/admin/rooms",
                "POST /api/admin/rooms",
                "GET /api/admin/rooms/1",
                "GET /api/admin/rooms/1/members",
                "POST /api/admin/rooms/1/rename",
                "POST /api/admin/rooms/1/staff-only",
                "DELETE /api/admin/rooms/1/staff-only",
                "DELETE /api/admin/rooms/1",
                "GET /api/admin/dialogs",
                "GET /api/admin/dialogs/1",
                "GET /api/admin/dialogs/1/messages",
                "GET /api/admin/messages",
                "GET /api/admin/messages/1",
                "POST /api/admin/messages/1/remove",
                "POST /api/admin/messages/1/restore",
                "GET /api/admin/audit");
    }

    static MockHttpServletRequestBuilder request(String line) {
        String[] parts = line.split(" ");
        MockHttpServletRequestBuilder builder = switch (parts[0]) {
            case "GET" -> get(parts[1]);
            case "POST" -> post(parts[1]);
            case "DELETE" -> delete(parts[1]);
            default -> throw new IllegalArgumentException(line);
        };
        if (parts[1].startsWith("/api/")) {
            builder.accept(MediaType.APPLICATION_JSON);
            if (!parts[0].equals("GET")) {
                builder.contentType(MediaType.APPLICATION_JSON).content("{}");
            }
        } else {
            // What a browser sends; it decides that an anonymous visitor is sent to the login page.
            builder.accept(MediaType.TEXT_HTML);
        }
        return builder;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void nonStaffGet403OnEveryAdminPage(String line) throws Exception {
        mvc.perform(request(line).with(as(plain)).with(csrf())).andExpect(status().isForbidden());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("api")
    void nonStaffGet403WithAProblemOnEveryAdminApiEndpoint(String line) throws Exception {
        mvc.perform(request(line).with(as(plain)).with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("forbidden"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void anonymousVisitorsAreSentToTheLoginPage(String line) throws Exception {
        mvc.perform(request(line).with(csrf())).andExpect(redirectedUrl("/login"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("api")
    void anonymousCallersGet403FromTheAdminApi(String line) throws Exception {
        mvc.perform(request(line).with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("forbidden"));
    }

    @Test
    void staffGetThroughAndTakingTheStaffFlagAppliesToTheOpenSession() throws Exception {
        String other = newUser("formerboss", true);
        var session = as(other);
        mvc.perform(get("/admin/users").with(session)).andExpect(status().isOk());
        mvc.perform(get("/api/admin/users/" + plainId).with(session)).andExpect(status().isOk());

        // Another staff member takes the flag; the same (already logged-in) authentication is refused next time.
        mvc.perform(post("/admin/users/" + accountId(other) + "/staff")
                        .param("value", "false")
                        .with(as(staff))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/admin/users").with(session)).andExpect(status().isForbidden());
        mvc.perform(get("/api/admin/users").with(session)).andExpect(status().isForbidden());
    }

    @Test
    void adminFormsNeedTheCsrfToken() throws Exception {
        for (String line : List.of("POST /admin/users", "POST /admin/messages/1/remove")) {
            mvc.perform(request(line).with(as(staff))).andExpect(status().isForbidden());
        }
        mvc.perform(post("/api/admin/users/" + plainId + "/staff").with(as(staff)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("forbidden"));
    }
}
