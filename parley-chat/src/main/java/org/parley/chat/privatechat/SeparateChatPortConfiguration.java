package org.parley.chat.privatechat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.SslConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.WebServerSslBundle;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code parley.private-chat.separate-port}: a second Tomcat connector, like the original's separate chat
 * server, that answers only the private-chat sockets (everything else there is 404). It speaks TLS when the
 * main port does, with the same certificate.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
@ConditionalOnProperty(name = "parley.private-chat.separate-port")
class SeparateChatPortConfiguration {

    /** Also the customizer that adds the connector (one bean, so it is added once). */
    @Bean
    TomcatChatPort parleySeparateChatPort(PrivateChatProperties properties) {
        return new TomcatChatPort(properties.separatePort());
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> parleySeparateChatPortFilter(
            TomcatChatPort port, PrivateChatProperties properties) {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new ChatPathsOnly(port, properties));
        // Before Spring Security and everything else: nothing but the chat sockets is reachable there.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The extra connector; runs after every other customizer so it copies the final TLS settings. */
    static final class TomcatChatPort
            implements SeparateChatPort, WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        private final int configuredPort;
        private volatile Connector connector;
        private volatile boolean secure;

        TomcatChatPort(int configuredPort) {
            this.configuredPort = configuredPort;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            var extra = new Connector(factory.getProtocol());
            extra.setPort(configuredPort);
            Ssl ssl = factory.getSsl();
            if (Ssl.isEnabled(ssl)) {
                new SslConnectorCustomizer(
                                LogFactory.getLog(SeparateChatPortConfiguration.class), extra, ssl.getClientAuth())
                        .customize(WebServerSslBundle.get(ssl, factory.getSslBundles()), Map.of());
                secure = true;
            }
            factory.addAdditionalConnectors(extra);
            connector = extra;
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public int localPort() {
            Connector c = connector;
            return c == null ? configuredPort : c.getLocalPort();
        }

        @Override
        public boolean secure() {
            return secure;
        }
    }

    /** On the chat port, 404 for anything but the private-chat sockets. */
    static final class ChatPathsOnly extends OncePerRequestFilter {

        private final SeparateChatPort port;
        private final PrivateChatProperties properties;

        ChatPathsOnly(SeparateChatPort port, PrivateChatProperties properties) {
            this.port = port;
            this.properties = properties;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getLocalPort() == port.localPort()) {
                String path = request.getRequestURI()
                        .substring(request.getContextPath().length());
                if (!properties.isSocketPath(path)) {
                    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }
}
