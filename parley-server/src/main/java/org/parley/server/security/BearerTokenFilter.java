package org.parley.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.parley.chat.support.ErrorCode;
import org.parley.server.token.ApiTokenService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates an API request that carries {@code Authorization: Bearer <personal token>} as the token's
 * holder, for this request only (no session is created). A token that is unknown, revoked or whose account
 * is inactive is refused with 401 {@code token-invalid}; requests without the header pass untouched (they
 * may carry a session). Tokens are never accepted in a URL.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final String SCHEME = "Bearer ";

    private final ApiTokenService tokens;
    private final UserDetailsService users;
    private final ProblemWriter problems;

    BearerTokenFilter(ApiTokenService tokens, UserDetailsService users, ProblemWriter problems) {
        this.tokens = tokens;
        this.users = users;
        this.problems = problems;
    }

    static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        String token =
                request.getHeader("Authorization").substring(SCHEME.length()).trim();
        Optional<UserDetails> holder = tokens.authenticate(token).flatMap(this::load);
        if (holder.isEmpty()) {
            problems.write(
                    response, ErrorCode.TOKEN_INVALID, "The API token is unknown, revoked or its account inactive.");
            return;
        }
        UserDetails user = holder.get();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Optional<UserDetails> load(String username) {
        try {
            UserDetails user = users.loadUserByUsername(username);
            return user.isEnabled() ? Optional.of(user) : Optional.empty();
        } catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
    }
}
