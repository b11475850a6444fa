package org.parley.server.security;

import jakarta.servlet.http.HttpServletRequest;
import org.parley.chat.privatechat.PrivateChatProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Form login with a session cookie and CSRF on every form. Sockets and the API answer 403 instead of
 * redirecting to the login page.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Only in a web application: the create-staff command runs without one. */
    @Bean
    @ConditionalOnWebApplication
    SecurityFilterChain pages(HttpSecurity http, ObjectProvider<PrivateChatProperties> privateChat) throws Exception {
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
                    || privateChatSocket.matches(request);
        };
        http.authorizeHttpRequests(auth -> auth.requestMatchers(privateChatSocket)
                        .permitAll()
                        .requestMatchers(
                                "/login", "/signup", "/error", "/parley/css/**", "/parley/js/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole("STAFF")
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/dialogs/", false))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.FORBIDDEN), machines));
        return http.build();
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
