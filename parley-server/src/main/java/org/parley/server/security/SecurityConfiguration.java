package org.parley.server.security;

import jakarta.servlet.http.HttpServletRequest;
import org.parley.chat.privatechat.PrivateChatProperties;
import org.parley.chat.support.ErrorCode;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.server.token.ApiTokenService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains. The API chain ({@code /api/**}) takes a session cookie or a personal token
 * ({@code Authorization: Bearer ...}; no CSRF token is needed then, since a browser never adds that header
 * by itself) and answers refusals as problem details. The page chain has form login with CSRF on every
 * form; sockets answer 403 instead of redirecting. In both, the admin ({@code /admin/**},
 * {@code /api/admin/**}) needs the staff role, which the chat library checks a second time
 * ({@code StaffGuard}), and every request is checked against the account ({@link CurrentAccountFilter}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** The authority of staff accounts; the chat reads it as {@code ChatUser.staff}. */
    public static final String STAFF_AUTHORITY = "ROLE_STAFF";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Only in a web application (as {@link #pages}): the create-staff command runs without one. */
    @Bean
    @Order(1)
    @ConditionalOnWebApplication
    SecurityFilterChain api(
            HttpSecurity http,
            ApiTokenService tokens,
            UserDetailsService users,
            ChatUserDirectory directory,
            JsonMapper json)
            throws Exception {
        var problems = new ProblemWriter(json);
        var bearer = new BearerTokenFilter(tokens, users, problems);
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers("/api/docs", "/api/docs/**")
                        .permitAll()
                        .requestMatchers("/api/admin", "/api/admin/**")
                        .hasRole("STAFF")
                        .anyRequest()
                        .authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(BearerTokenFilter::hasBearer))
                .addFilterAfter(bearer, SecurityContextHolderFilter.class)
                .addFilterAfter(new CurrentAccountFilter(directory, users), BearerTokenFilter.class)
                .requestCache(cache -> cache.disable())
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) ->
                                problems.write(response, ErrorCode.FORBIDDEN, "Log in or send an API token."))
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(response, ErrorCode.FORBIDDEN, "You may not do this.")));
        return http.build();
    }

    @Bean
    @Order(2)
    @ConditionalOnWebApplication
    SecurityFilterChain pages(
            HttpSecurity http,
            ObjectProvider<PrivateChatProperties> privateChat,
            UserDetailsService users,
            ChatUserDirectory directory)
            throws Exception {
        // django-private-chat's socket carries a chat token in its URL and no cookie: the handshake
        // checks the token itself (403 when it is wrong), so the login rules let those handshakes through.
        PrivateChatProperties compat = privateChat.getIfAvailable();
        RequestMatcher privateChatSocket = request -> compat != null
                && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
                && compat.isSocketPath(pathOf(request));
        RequestMatcher machines = request -> {
            String path = pathOf(request);
            return path.equals("/ws")
                    || path.startsWith("/chat/")
                    || path.startsWith("/api/")
                    || (compat != null
                            && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
                            && path.startsWith(compat.basePath()));
        };
        http.authorizeHttpRequests(auth -> auth.requestMatchers(privateChatSocket)
                        .permitAll()
                        .requestMatchers(
                                "/login", "/signup", "/error", "/parley/css/**", "/parley/js/**", "/favicon.ico")
                        .permitAll()
                        // The API documentation's browser UI (springdoc serves its files here).
                        .requestMatchers("/swagger-ui/**", "/swagger-ui.html")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole("STAFF")
                        .requestMatchers("/admin", "/admin/**")
                        .hasRole("STAFF")
                        .anyRequest()
                        .authenticated())
                .addFilterAfter(new CurrentAccountFilter(directory, users), SecurityContextHolderFilter.class)
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.FORBIDDEN), machines));
        return http.build();
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
