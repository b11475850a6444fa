package org.parley.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Objects;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a logged-in session in step with its account on every request, on every node: a deactivated
 * account is logged out at once, and a staff flag given or taken away applies to the next request, not the
 * next login. It asks the chat's directory, which answers from the node's {@code ChatUserCache}: the admin
 * reports both changes through {@code UserSessionService}, which drops the cached copy on every node, so
 * "at once" still holds without a database query per request (docs/performance.md, "Opening sockets").
 */
class CurrentAccountFilter extends OncePerRequestFilter {

    private final ChatUserDirectory directory;
    private final UserDetailsService users;
    private final HttpSessionSecurityContextRepository sessionContexts = new HttpSessionSecurityContextRepository();

    CurrentAccountFilter(ChatUserDirectory directory, UserDetailsService users) {
        this.directory = directory;
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null
                || !auth.isAuthenticated()
                || auth instanceof AnonymousAuthenticationToken
                || BearerTokenFilter.hasBearer(request)) {
            // Token requests were checked against the account a moment ago by the bearer filter.
            chain.doFilter(request, response);
            return;
        }
        // Only active accounts are found.
        ChatUser account = directory.findByUsername(auth.getName()).orElse(null);
        if (account == null) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        } else if (account.staff() != hasStaffRole(auth)) {
            var details = users.loadUserByUsername(account.username());
            var refreshed = UsernamePasswordAuthenticationToken.authenticated(
                    details, auth.getCredentials(), details.getAuthorities());
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(refreshed);
            SecurityContextHolder.setContext(context);
            // Saved, so the next request does not have to rebuild it.
            sessionContexts.saveContext(context, request, response);
        }
        chain.doFilter(request, response);
    }

    private static boolean hasStaffRole(Authentication auth) {
        for (GrantedAuthority a : auth.getAuthorities()) {
            if (Objects.equals(a.getAuthority(), SecurityConfiguration.STAFF_AUTHORITY)) {
                return true;
            }
        }
        return false;
    }
}
