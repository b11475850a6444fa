package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.server.support.ChatTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * A page's links are written as they are, not looked up among the static resources on every render (the
 * resource chain that springdoc's webjar would turn on tripled the login page's CPU; docs/performance.md,
 * "Ninth round"), and the static files and the API's browser UI are still served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PageLinksTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void linksAreNotResolvedAsResourcesAndStaticFilesAreStillServed() {
        assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
                .extracting(FilterRegistrationBean::getFilter)
                .noneMatch(ResourceUrlEncodingFilter.class::isInstance);

        var client = new ChatTestClient(port);
        var login = client.get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("action=\"/login\"", "href=\"/parley/css/parley.css\"");
        var script = client.get("/parley/js/socket.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("export");
        var ui = client.get("/api/docs/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }
}
