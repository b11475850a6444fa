package org.parley.chat.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.ssl.pem.PemContent;

/**
 * Reads and checks the PEM files of {@link TlsProperties} at start-up, so a wrong file stops the server
 * with a sentence naming the file and the reason instead of failing at the first TLS handshake.
 */
final class TlsFiles {

    /** A checked private key and certificate chain, as PEM text. */
    record Material(String privateKeyPem, String certificatesPem, String keyPassword) {}

    private static final Pattern KEY_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+ )?PRIVATE KEY-----");

    private static final byte[] PROBE = "parley-tls-key-check".getBytes(StandardCharsets.US_ASCII);

    private TlsFiles() {}

    static Material load(TlsProperties tls) {
        String password = tls.keyPassword() == null || tls.keyPassword().isEmpty() ? null : tls.keyPassword();
        if (tls.pemFile() != null) {
            if (tls.keyFile() != null || tls.certificateFile() != null) {
                throw new TlsFileException(
                        TlsProperties.PEM_FILE,
                        "set either parley.tls.pem-file or parley.tls.key-file with parley.tls.certificate-file,"
                                + " not both");
            }
            String text = read(tls.pemFile(), TlsProperties.PEM_FILE);
            return check(
                    text, tls.pemFile(), TlsProperties.PEM_FILE, text, tls.pemFile(), TlsProperties.PEM_FILE, password);
        }
        if (tls.keyFile() == null) {
            throw new TlsFileException(TlsProperties.KEY_FILE, "parley.tls.certificate-file is set, but no key file");
        }
        if (tls.certificateFile() == null) {
            throw new TlsFileException(
                    TlsProperties.CERTIFICATE_FILE, "parley.tls.key-file is set, but no certificate file");
        }
        String key = read(tls.keyFile(), TlsProperties.KEY_FILE);
        String certificates = read(tls.certificateFile(), TlsProperties.CERTIFICATE_FILE);
        return check(
                key,
                tls.keyFile(),
                TlsProperties.KEY_FILE,
                certificates,
                tls.certificateFile(),
                TlsProperties.CERTIFICATE_FILE,
                password);
    }

    private static String read(Path file, String setting) {
        if (!Files.exists(file)) {
            throw new TlsFileException(file, setting, "it does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new TlsFileException(file, setting, "it is a directory, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new TlsFileException(file, setting, "it is not readable by this process (check its owner and mode)");
        }
        try {
            // PEM is ASCII; ISO-8859-1 never fails to decode, so binary junk is reported as "no PEM" below.
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new TlsFileException(file, setting, "it cannot be read (" + e.getMessage() + ")");
        }
    }

    private static Material check(
            String keyText,
            Path keyFile,
            String keySetting,
            String certificateText,
            Path certificateFile,
            String certificateSetting,
            String password) {
        if (!KEY_BLOCK.matcher(keyText).find()) {
            throw new TlsFileException(
                    keyFile, keySetting, "it holds no PEM private key (-----BEGIN PRIVATE KEY----- or RSA/EC)");
        }
        PrivateKey key;
        try {
            key = PemContent.of(keyText).getPrivateKey(password);
        } catch (RuntimeException e) {
            throw new TlsFileException(
                    keyFile,
                    keySetting,
                    "its private key cannot be decoded (" + e.getMessage()
                            + "; an encrypted key needs parley.tls.key-password)");
        }
        if (key == null) {
            throw new TlsFileException(
                    keyFile, keySetting, "it holds no PEM private key (-----BEGIN PRIVATE KEY----- or RSA/EC)");
        }
        List<X509Certificate> certificates;
        try {
            certificates = PemContent.isPresentInText(certificateText)
                    ? PemContent.of(certificateText).getCertificates()
                    : List.of();
        } catch (RuntimeException e) {
            certificates = List.of();
        }
        if (certificates.isEmpty()) {
            throw new TlsFileException(
                    certificateFile, certificateSetting, "it holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        if (!belongTogether(key, certificates.get(0))) {
            throw new TlsFileException(
                    certificateFile, certificateSetting, "its first certificate does not belong to the private key");
        }
        return new Material(keyText, certificateText, password);
    }

    /** Signs a probe with the key and verifies it with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return true; // an unusual key type: let the TLS stack judge it
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
