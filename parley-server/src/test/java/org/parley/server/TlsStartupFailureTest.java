package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parley.chat.system.TlsFileException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

/** A TLS file that cannot be used stops the server, and the report says which file and why. */
@ExtendWith(OutputCaptureExtension.class)
class TlsStartupFailureTest {

    private static Throwable start(String... properties) {
        return catchThrowable(() -> new SpringApplicationBuilder(ParleyServerApplication.class)
                .profiles("test")
                .properties("server.port=0")
                .properties(properties)
                .run()
                .close());
    }

    @Test
    void aMissingPemFileStopsStartUpNamingTheFileAndTheReason(@TempDir Path directory, CapturedOutput output) {
        Path missing = directory.resolve("cert.pem");

        Throwable failure = start("parley.tls.pem-file=" + missing);

        assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                .isInstanceOf(TlsFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("parley.tls.pem-file")
                .hasMessageContaining("does not exist");
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("The TLS file " + missing.toAbsolutePath() + " (parley.tls.pem-file) cannot be used:"
                        + " it does not exist.");
    }

    @Test
    void aCertificateFileWithoutACertificateStopsStartUp(@TempDir Path directory, CapturedOutput output)
            throws Exception {
        Path key = Files.writeString(directory.resolve("key.pem"), "not a key");
        Path certificate = Files.writeString(directory.resolve("cert.crt"), "not a certificate");

        Throwable failure = start("parley.tls.key-file=" + key, "parley.tls.certificate-file=" + certificate);

        assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                .isInstanceOf(TlsFileException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContaining("holds no PEM private key");
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains(key.toAbsolutePath() + " (parley.tls.key-file)");
    }
}
