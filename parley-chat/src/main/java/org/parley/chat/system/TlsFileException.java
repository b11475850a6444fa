package org.parley.chat.system;

import java.nio.file.Path;

/**
 * A TLS setting names a file that cannot be used. Stops start-up; {@link TlsFailureAnalyzer} reports
 * which file, which setting and why.
 */
public class TlsFileException extends RuntimeException {

    private final Path file;
    private final String setting;
    private final String reason;

    public TlsFileException(Path file, String setting, String reason) {
        super("TLS file " + file + " (" + setting + ") cannot be used: " + reason);
        this.file = file;
        this.setting = setting;
        this.reason = reason;
    }

    /** A problem with the settings themselves rather than one file. */
    public TlsFileException(String setting, String reason) {
        super("TLS setting " + setting + " is not usable: " + reason);
        this.file = null;
        this.setting = setting;
        this.reason = reason;
    }

    /** The file, or null when the settings themselves are inconsistent. */
    public Path file() {
        return file;
    }

    public String setting() {
        return setting;
    }

    public String reason() {
        return reason;
    }
}
