package org.parley.server.admin;

import java.util.List;
import org.parley.chat.admin.AdminFilters;
import org.parley.chat.admin.OffsetPage;
import org.parley.chat.admin.StaffGuard;
import org.parley.chat.api.ParleyApi;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.user.ChatUser;
import org.parley.server.token.ApiToken;
import org.parley.server.token.IssuedToken;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin API for accounts: the same operations as the user admin pages, as JSON. Staff only. */
@RestController
@ParleyApi
@RequestMapping("/api/admin/users")
public class UserAdminApi {

    private final UserAdministration users;
    private final ParleyProperties properties;

    public UserAdminApi(UserAdministration users, ParleyProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    /** The body of {@code POST /api/admin/users}. */
    public record NewUser(String username, String password, Boolean staff) {}

    /** The body of {@code POST /api/admin/users/{id}/password}. */
    public record NewPassword(String password) {}

    /** The body of {@code POST /api/admin/users/{id}/tokens}. */
    public record NewToken(String name) {}

    /** Accounts whose username contains {@code q}, by username. */
    @GetMapping
    public OffsetPage<AdminUser> list(
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) Integer size) {
        return users.list(q, Math.max(0, page), AdminFilters.size(size, properties.admin()));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public AdminUser create(@RequestAttribute(StaffGuard.STAFF) ChatUser staff, @RequestBody NewUser body) {
        return users.create(staff, body.username(), body.password(), Boolean.TRUE.equals(body.staff()));
    }

    @GetMapping("/{id}")
    public AdminUser show(@PathVariable long id) {
        return users.require(id);
    }

    @PostMapping("/{id}/staff")
    public AdminUser makeStaff(@RequestAttribute(StaffGuard.STAFF) ChatUser staff, @PathVariable long id) {
        return users.setStaff(staff, id, true);
    }

    /** Takes the staff flag; refused with 409 {@code not-allowed-on-self} for one's own account. */
    @DeleteMapping("/{id}/staff")
    public AdminUser removeStaff(@RequestAttribute(StaffGuard.STAFF) ChatUser staff, @PathVariable long id) {
        return users.setStaff(staff, id, false);
    }

    /** Deactivates: the user's sockets close at once (4003) and they cannot log in. Not on oneself. */
    @PostMapping("/{id}/deactivate")
    public AdminUser deactivate(@RequestAttribute(StaffGuard.STAFF) ChatUser staff, @PathVariable long id) {
        return users.setActive(staff, id, false);
    }

    @PostMapping("/{id}/activate")
    public AdminUser activate(@RequestAttribute(StaffGuard.STAFF) ChatUser staff, @PathVariable long id) {
        return users.setActive(staff, id, true);
    }

    /** Mutes the user: they can no longer post in rooms. */
    @PostMapping("/{id}/mute")
    public AdminUser mute(@RequestAttribute(StaffGuard.STAFF) ChatUser staff, @PathVariable long id) {
        return users.setMuted(staff, id, true);
    }

    @DeleteMapping("/{id}/mute")
    public AdminUser unmute(@RequestAttribute(StaffGuard.STAFF) ChatUser staff, @PathVariable long id) {
        return users.setMuted(staff, id, false);
    }

    @PostMapping("/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void resetPassword(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff, @PathVariable long id, @RequestBody NewPassword body) {
        users.resetPassword(staff, id, body.password());
    }

    @GetMapping("/{id}/tokens")
    public List<ApiToken> tokens(@PathVariable long id) {
        return users.tokens(id);
    }

    /** Creates a personal API token; the {@code token} in the answer is shown this once and never again. */
    @PostMapping("/{id}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    public IssuedToken createToken(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff, @PathVariable long id, @RequestBody NewToken body) {
        return users.createToken(staff, id, body.name());
    }

    /** Revokes a token (kept for the record, never accepted again). */
    @DeleteMapping("/{id}/tokens/{tokenId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void revokeToken(
            @RequestAttribute(StaffGuard.STAFF) ChatUser staff, @PathVariable long id, @PathVariable long tokenId) {
        users.revokeToken(staff, id, tokenId);
    }
}
