package org.parley.chat.chatport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.HashSet;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.parley.chat.realtime.ChatEndpoint;
import org.parley.chat.realtime.LoginSessions;
import org.parley.chat.system.ParleyProperties;
import org.parley.chat.system.TlsConfiguration;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The chat port, when {@code parley.websocket.chat-port.port} is set to a port. Empty (e.g. an empty environment
 * variable) means none, as documented; {@code @ConditionalOnProperty} would take an empty value as set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnExpression("!'${parley.websocket.chat-port.port:}'.isBlank()")
@EnableConfigurationProperties(ChatPortProperties.class)
public class ChatPortConfiguration {

    private static final String SESSION_COOKIE = "server.servlet.session.cookie.name";

    @Bean
    ContainerSessions parleyContainerSessions(Environment environment, LoginSessions logins) {
        return new ContainerSessions(environment.getProperty(SESSION_COOKIE, "JSESSIONID"), logins);
    }

    @Bean
    ServletListenerRegistrationBean<ContainerSessions> parleyContainerSessionsListener(ContainerSessions sessions) {
        return new ServletListenerRegistrationBean<>(sessions);
    }

    @Bean
    ChatPortServer parleyChatPortServer(
            ChatPortProperties settings,
            ParleyProperties properties,
            ObjectProvider<ChatEndpoint> endpoints,
            ContainerSessions containerSessions,
            LoginSessions logins,
            ListableBeanFactory beans,
            ApplicationContext context,
            Environment environment,
            ObjectProvider<SslBundles> bundles) {
        var routes = new ChatPortRoutes(environment.getProperty("server.servlet.context-path", ""));
        endpoints.orderedStream().forEach(endpoint -> endpoint.registerWebSocketHandlers(routes));
        return new ChatPortServer(
                settings,
                properties.websocket(),
                routes.seal(),
                () -> sessions(beans, containerSessions, logins, environment),
                () -> pagePorts(context, settings),
                tls(bundles.getIfAvailable(), environment));
    }

    @Bean
    ChatPortPages parleyChatPortPages(ChatPortServer server) {
        return new ChatPortPages(server);
    }

    /** Where pages come from: the main web server's port and the public port pages use for sockets. */
    private static Set<Integer> pagePorts(ApplicationContext context, ChatPortProperties settings) {
        Set<Integer> ports = new HashSet<>();
        if (context instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            ports.add(web.getWebServer().getPort());
        }
        if (settings.publicPort() != null) {
            ports.add(settings.publicPort());
        }
        return Set.copyOf(ports);
    }

    /** Spring Session's repository when the application has one (shared logins), else the container's sessions. */
    private static SessionPrincipals sessions(
            ListableBeanFactory beans, ContainerSessions container, LoginSessions logins, Environment env) {
        if (ClassUtils.isPresent("org.springframework.session.SessionRepository", null)) {
            String[] names = beans.getBeanNamesForType(org.springframework.session.SessionRepository.class);
            if (names.length > 0) {
                return new SpringSessions(
                        beans.getBean(names[0], org.springframework.session.SessionRepository.class),
                        env.getProperty(SESSION_COOKIE, "SESSION"),
                        logins);
            }
        }
        return container;
    }

    /** TLS with Parley's own certificate ({@code parley.tls.*}) or the server's SSL bundle, as the main port. */
    private static SslContext tls(SslBundles bundles, Environment environment) {
        if (bundles == null) {
            return null;
        }
        String name = environment.getProperty("server.ssl.bundle");
        SslBundle bundle;
        try {
            bundle = bundles.getBundle(TlsConfiguration.BUNDLE);
        } catch (NoSuchSslBundleException notParleys) {
            if (name == null) {
                return null;
            }
            bundle = bundles.getBundle(name);
        }
        try {
            var builder = SslContextBuilder.forServer(bundle.getManagers().getKeyManagerFactory());
            String[] protocols = bundle.getOptions().getEnabledProtocols();
            if (protocols != null) {
                builder.protocols(protocols);
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException(
                    "The chat port cannot use the server's TLS certificate: " + e.getMessage(), e);
        }
    }
}
