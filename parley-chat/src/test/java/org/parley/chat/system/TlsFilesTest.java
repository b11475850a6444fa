package org.parley.chat.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a TLS setting can be wrong is reported with the file, the setting and the reason. */
class TlsFilesTest {

    private static SelfSignedPem pem;
    private static SelfSignedPem other;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() {
        pem = SelfSignedPem.create();
        other = SelfSignedPem.create();
    }

    private static TlsProperties combined(Path file) {
        return new TlsProperties(file, null, null, null);
    }

    private static TlsProperties separate(Path key, Path certificate) {
        return new TlsProperties(null, key, certificate, null);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void theOriginalsCombinedFileAndSeparateFilesAreAccepted() throws Exception {
        var material = TlsFiles.load(combined(write("cert.pem", pem.privateKey() + pem.certificate())));
        assertThat(material.privateKeyPem()).contains("PRIVATE KEY");
        assertThat(material.certificatesPem()).contains("CERTIFICATE");

        var split = TlsFiles.load(separate(write("key.pem", pem.privateKey()), write("cert.crt", pem.certificate())));
        assertThat(split.privateKeyPem()).isEqualTo(pem.privateKey());
        assertThat(split.certificatesPem()).isEqualTo(pem.certificate());
    }

    @Test
    void aMissingFile() {
        Path missing = dir.resolve("nowhere.pem");
        assertThatThrownBy(() -> TlsFiles.load(combined(missing)))
                .isInstanceOf(TlsFileException.class)
                .hasMessage("TLS file " + missing + " (parley.tls.pem-file) cannot be used: it does not exist");
    }

    @Test
    void aDirectory() {
        assertThatThrownBy(() -> TlsFiles.load(combined(dir)))
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("it is a directory, not a file");
    }

    @Test
    void aFileWithoutAKeyOrWithoutACertificate() throws Exception {
        Path junk = write("junk.pem", "hello\u0000\u00ff");
        assertThatThrownBy(() -> TlsFiles.load(combined(junk)))
                .hasMessageContaining(junk.toString())
                .hasMessageContaining("holds no PEM private key");

        Path certificateOnly = write("only-cert.pem", pem.certificate());
        assertThatThrownBy(() -> TlsFiles.load(combined(certificateOnly)))
                .hasMessageContaining("holds no PEM private key");

        Path keyOnly = write("only-key.pem", pem.privateKey());
        assertThatThrownBy(() -> TlsFiles.load(combined(keyOnly)))
                .hasMessageContaining(keyOnly.toString())
                .hasMessageContaining("holds no PEM certificate");
    }

    @Test
    void aCorruptKey() throws Exception {
        String broken = pem.privateKey().replaceAll("(?m)^[A-Za-z0-9+/]{64}$", "AAAA");
        Path file = write("broken.pem", broken + pem.certificate());
        assertThatThrownBy(() -> TlsFiles.load(combined(file)))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("private key cannot be decoded");
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificate() throws Exception {
        Path key = write("key.pem", pem.privateKey());
        Path certificate = write("cert.crt", other.certificate());
        assertThatThrownBy(() -> TlsFiles.load(separate(key, certificate)))
                .hasMessage("TLS file " + certificate
                        + " (parley.tls.certificate-file) cannot be used: its first certificate does not belong to"
                        + " the private key");
    }

    @Test
    void inconsistentSettings() throws Exception {
        Path file = write("cert.pem", pem.privateKey() + pem.certificate());
        assertThatThrownBy(() -> TlsFiles.load(new TlsProperties(file, file, null, null)))
                .hasMessageContaining("parley.tls.pem-file")
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> TlsFiles.load(separate(file, null)))
                .hasMessageContaining("parley.tls.certificate-file")
                .hasMessageContaining("no certificate file");
        assertThatThrownBy(() -> TlsFiles.load(separate(null, file)))
                .hasMessageContaining("parley.tls.key-file")
                .hasMessageContaining("no key file");
    }

    @Test
    void theStartUpReportNamesTheFileTheSettingAndTheReason() {
        Path missing = dir.resolve("cert.pem");
        var analysis = new TlsFailureAnalyzer()
                .analyze(new IllegalStateException(
                        "wrapped", new TlsFileException(missing, "parley.tls.pem-file", "it does not exist")));
        assertThat(analysis.getDescription())
                .isEqualTo("The TLS file " + missing.toAbsolutePath()
                        + " (parley.tls.pem-file) cannot be used: it does not exist.");
        assertThat(analysis.getAction()).contains("parley.tls.pem-file").contains("parley.tls.key-file");
    }
}
