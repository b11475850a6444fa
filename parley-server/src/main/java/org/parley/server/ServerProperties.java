package org.parley.server;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the standalone server ({@code parley.server.*}).
 *
 * @param signupEnabled whether visitors may create their own accounts at {@code /signup}
 * @param demoData create the demo users and dialog on first start (when there are no accounts)
 */
@ConfigurationProperties("parley.server")
public record ServerProperties(
        @DefaultValue("true") boolean signupEnabled,
        @DefaultValue("false") boolean demoData) {}
