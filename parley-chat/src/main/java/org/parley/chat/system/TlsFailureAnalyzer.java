package org.parley.chat.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link TlsFileException} into a start-up report that names the file, the setting and the reason. */
class TlsFailureAnalyzer extends AbstractFailureAnalyzer<TlsFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TlsFileException cause) {
        String description = cause.file() == null
                ? "The TLS setting " + cause.setting() + " is not usable: " + cause.reason() + "."
                : "The TLS file " + cause.file().toAbsolutePath() + " (" + cause.setting() + ") cannot be used: "
                        + cause.reason() + ".";
        String action = "Set parley.tls.pem-file to one readable PEM file holding a private key followed by a"
                + " certificate (the original's run_chat_server cert.pem), or set parley.tls.key-file and"
                + " parley.tls.certificate-file; or remove the parley.tls settings to serve plain HTTP.";
        return new FailureAnalysis(description, action, cause);
    }
}
