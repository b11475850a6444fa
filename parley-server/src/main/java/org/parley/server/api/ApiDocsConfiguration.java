package org.parley.server.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /api/docs}: every {@code /api/**} endpoint, and the two ways to
 * authenticate (a personal token as a bearer header, or the browser's session cookie plus CSRF header).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    OpenAPI parleyOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Parley API")
                        .version("1")
                        .description("Read API for every user (/api/me, /api/dialogs, /api/rooms) and the admin API"
                                + " for staff (/api/admin/**). Errors are problem details (application/problem+json)"
                                + " with a stable 'code'. Authenticate with 'Authorization: Bearer <personal token>'"
                                + " (created on the user's admin page) or a logged-in session; a session needs the"
                                + " X-CSRF-TOKEN header on POST and DELETE."))
                .components(new Components()
                        .addSecuritySchemes(
                                "token",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("A personal API token"))
                        .addSecuritySchemes(
                                "session",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.COOKIE)
                                        .name("JSESSIONID")))
                .addSecurityItem(new SecurityRequirement().addList("token"))
                .addSecurityItem(new SecurityRequirement().addList("session"));
    }
}
