package org.parley.chat.system;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * {@code parley.tls.*}: the server (and the private-chat port, if any) speaks HTTPS and WSS with the PEM
 * key and certificate, TLS 1.2 and 1.3 only. The files are checked at start-up; a bad one stops the server
 * with {@link TlsFileException}. The key and certificate become the Spring Boot SSL bundle
 * {@value #BUNDLE}, which the web server uses like {@code server.ssl.bundle}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@Conditional(TlsConfiguration.TlsConfigured.class)
@EnableConfigurationProperties(TlsProperties.class)
public class TlsConfiguration {

    public static final String BUNDLE = "parley-tls";

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    @Bean
    SslBundleRegistrar parleyTlsBundle(TlsProperties properties) {
        TlsFiles.Material material = TlsFiles.load(properties);
        var keyStore = new PemSslStoreDetails(
                null, null, null, material.certificatesPem(), material.privateKeyPem(), material.keyPassword());
        SslBundle bundle =
                SslBundle.of(new PemSslStoreBundle(keyStore, null), SslBundleKey.NONE, SslOptions.of(null, PROTOCOLS));
        return registry -> registry.registerBundle(BUNDLE, bundle);
    }

    /** Runs after Spring Boot's own server customizer, and before the private-chat port copies the result. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableWebServerFactory> parleyTlsServer() {
        return new TlsServer();
    }

    static final class TlsServer implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableWebServerFactory factory) {
            Ssl ssl = Ssl.forBundle(BUNDLE);
            ssl.setEnabledProtocols(PROTOCOLS);
            factory.setSsl(ssl);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE - 100;
        }
    }

    /** Any of the three file settings switches TLS on (a half setting is reported by {@link TlsFiles}). */
    static final class TlsConfigured extends AnyNestedCondition {

        TlsConfigured() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(TlsProperties.PEM_FILE)
        static final class PemFile {}

        @ConditionalOnProperty(TlsProperties.KEY_FILE)
        static final class KeyFile {}

        @ConditionalOnProperty(TlsProperties.CERTIFICATE_FILE)
        static final class CertificateFile {}
    }
}
