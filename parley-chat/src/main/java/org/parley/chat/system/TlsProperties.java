package org.parley.chat.system;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * HTTPS and WSS from PEM files ({@code parley.tls.*}): either one file holding a private key followed by a
 * certificate (chain), like the original's {@code run_chat_server path/to/cert.pem}, or a key file and a
 * certificate file. Only TLS 1.2 and 1.3 are offered. Unset: plain HTTP (or Spring Boot's own
 * {@code server.ssl.*}).
 *
 * @param pemFile one PEM file with the private key and then the certificate(s)
 * @param keyFile the private key (PEM), with {@code certificate-file}
 * @param certificateFile the certificate and any intermediate certificates (PEM), with {@code key-file}
 * @param keyPassword the password of an encrypted private key; empty for an unencrypted one
 */
@ConfigurationProperties("parley.tls")
public record TlsProperties(Path pemFile, Path keyFile, Path certificateFile, String keyPassword) {

    static final String PEM_FILE = "parley.tls.pem-file";
    static final String KEY_FILE = "parley.tls.key-file";
    static final String CERTIFICATE_FILE = "parley.tls.certificate-file";

    public boolean enabled() {
        return pemFile != null || keyFile != null || certificateFile != null;
    }
}
