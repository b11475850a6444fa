package org.parley.chat.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Comparator;
import java.util.List;
import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The one staff check of the admin: every request under {@code /admin/**} and {@code /api/admin/**} passes
 * here, whoever's controller serves it. A user who is not logged in, unknown, inactive or not
 * {@link ChatUser#staff() staff} is refused with {@link ErrorCode#FORBIDDEN}; the staff user is handed to
 * the controller as the request attribute {@link #STAFF}. The user is read from the directory on every
 * request, so taking away the staff flag takes effect at once, even for an open session.
 */
public class StaffGuard implements HandlerInterceptor {

    /** Request attribute holding the staff {@link ChatUser} making the request. */
    public static final String STAFF = "parley.admin.staff";

    private final ChatUserDirectory users;
    private final List<AdminSection> sections;

    public StaffGuard(ChatUserDirectory users, List<AdminSection> sections) {
        this.users = users;
        this.sections = sections.stream()
                .sorted(Comparator.comparingInt(AdminSection::order))
                .toList();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Principal principal = request.getUserPrincipal();
        ChatUser user = principal == null
                ? null
                : users.findByUsername(principal.getName()).orElse(null);
        if (user == null || !user.staff()) {
            throw new ChatException(ErrorCode.FORBIDDEN, "Only staff may use the admin.");
        }
        request.setAttribute(STAFF, user);
        // The shared page layout shows who is signed in and the admin navigation.
        request.setAttribute("me", user);
        request.setAttribute("adminSections", sections);
        return true;
    }
}
