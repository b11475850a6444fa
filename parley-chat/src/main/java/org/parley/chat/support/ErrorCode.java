package org.parley.chat.support;

/**
 * Stable error codes sent to a client in {@code error} frames (and REST problem bodies). Clients may
 * switch on {@link #code()}; never rename one.
 */
public enum ErrorCode {
    BAD_JSON("bad-json"),
    BINARY_NOT_SUPPORTED("binary-not-supported"),
    UNKNOWN_TYPE("unknown-type"),
    MISSING_FIELD("missing-field"),
    WRONG_FIELD_TYPE("wrong-field-type"),
    TEXT_EMPTY("text-empty"),
    TEXT_TOO_LONG("text-too-long"),
    TEXT_INVALID("text-invalid"),
    USER_NOT_FOUND("user-not-found"),
    INVALID_RECIPIENT("invalid-recipient"),
    DIALOG_NOT_FOUND("dialog-not-found"),
    MESSAGE_NOT_FOUND("message-not-found"),
    ROOM_NOT_FOUND("room-not-found"),
    ROOM_ACCESS_DENIED("room-access-denied"),
    USER_MUTED("user-muted"),
    FORBIDDEN("forbidden"),
    NOT_LOGGED_IN("not-logged-in"),
    TITLE_INVALID("title-invalid"),
    SLUG_INVALID("slug-invalid"),
    RATE_LIMITED("rate-limited"),
    /** REST: the bearer token is unknown, revoked, or its account is inactive (HTTP 401). */
    TOKEN_INVALID("token-invalid"),
    /** REST: no such resource (an unknown path or id). */
    NOT_FOUND("not-found"),
    /** REST and admin forms: a field is missing or invalid; the problem body lists the fields. */
    INVALID_INPUT("invalid-input"),
    /** Admin: staff may not remove their own staff flag or deactivate themselves. */
    NOT_ALLOWED_ON_SELF("not-allowed-on-self"),
    SESSION_KEY_MISMATCH("session-key-mismatch"),
    UNAVAILABLE("unavailable"),
    INTERNAL_ERROR("internal-error");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The message key of this error's text for users, e.g. {@code parley.error.rate-limited}. */
    public String messageKey() {
        return "parley.error." + code;
    }
}
