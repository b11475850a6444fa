package org.parley.server.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * One switch for the server's mode, {@code parley.broker}: with {@code memory} (the default, one node) the
 * Redis and Spring Session auto-configurations are left out, so the server needs no Redis and its health
 * does not report a missing one; with {@code redis} (several nodes) HTTP sessions live in Redis under
 * {@code parley.redis.prefix} + {@code session} (cookie {@code JSESSIONID} as in memory mode), so a login on
 * one node is valid on every other, and Redis
 * calls get short timeouts unless set ({@code spring.data.redis.timeout}, {@code connect-timeout}: 2 s).
 */
public class ClusterModeEnvironment implements EnvironmentPostProcessor, Ordered {

    static final List<String> REDIS_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health."
                    + "DataRedisReactiveHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration",
            "org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration",
            "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
            "org.springframework.boot.session.autoconfigure.SessionsEndpointAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if ("redis".equals(environment.getProperty("parley.broker", "memory"))) {
            Map<String, Object> defaults = new LinkedHashMap<>();
            String prefix = environment.getProperty("parley.redis.prefix", "parley:");
            defaults.put("spring.session.data.redis.namespace", prefix + "session");
            // The same cookie name as the container's sessions, so clients and docs need not care.
            defaults.put("server.servlet.session.cookie.name", "JSESSIONID");
            defaults.put("spring.data.redis.timeout", "2s");
            defaults.put("spring.data.redis.connect-timeout", "2s");
            environment.getPropertySources().addLast(new MapPropertySource("parleyClusterDefaults", defaults));
            return;
        }
        List<String> excluded = new ArrayList<>(Binder.get(environment)
                .bind("spring.autoconfigure.exclude", Bindable.listOf(String.class))
                .orElse(List.of()));
        excluded.addAll(REDIS_AUTO_CONFIGURATIONS);
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "parleySingleNode", Map.of("spring.autoconfigure.exclude", String.join(",", excluded))));
    }

    @Override
    public int getOrder() {
        // After the application's own properties are loaded, so parley.broker from any source counts.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
