package org.parley.chat.support;

import java.util.Map;

/**
 * Input that fails validation, field by field: each field name maps to a message key (resolved in the
 * caller's language by the page or API that shows it). Its code is {@link ErrorCode#INVALID_INPUT}.
 */
public class InvalidInputException extends ChatException {

    private final Map<String, String> fieldErrors;

    public InvalidInputException(Map<String, String> fieldErrors) {
        super(ErrorCode.INVALID_INPUT, "Some fields are invalid: " + String.join(", ", fieldErrors.keySet()) + ".");
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    /** Field name to message key. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
