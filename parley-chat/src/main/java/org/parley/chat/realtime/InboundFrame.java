package org.parley.chat.realtime;

import org.parley.chat.support.ChatException;
import org.parley.chat.support.ErrorCode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A parsed client frame with typed field access. Every problem becomes a {@link ChatException} naming the
 * field, which the handler turns into an error frame for that client alone.
 */
public final class InboundFrame {

    private final JsonNode node;

    private InboundFrame(JsonNode node) {
        this.node = node;
    }

    /** Parses a text frame; anything but a JSON object is BAD_JSON. */
    public static InboundFrame parse(JsonMapper json, String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            throw new ChatException(ErrorCode.BAD_JSON, "The frame is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new ChatException(ErrorCode.BAD_JSON, "The frame must be a JSON object.");
        }
        return new InboundFrame(node);
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** Whether {@code field} holds an integer (used to label errors; never throws). */
    public boolean hasLong(String field) {
        JsonNode value = node.get(field);
        return value != null && value.isIntegralNumber() && value.canConvertToLong();
    }

    /** The raw value of a field, or null; for protocols that echo a value exactly as the client sent it. */
    public JsonNode raw(String field) {
        return has(field) ? node.get(field) : null;
    }

    public String requireText(String field) {
        JsonNode value = require(field);
        if (!value.isString()) {
            throw wrongType(field, "a string");
        }
        return value.asString();
    }

    public String optionalText(String field) {
        return has(field) ? requireText(field) : null;
    }

    public long requireLong(String field) {
        JsonNode value = require(field);
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        throw wrongType(field, "an integer");
    }

    /**
     * An id that old clients may send as a JSON number or as a string of digits (django-private-chat's
     * {@code message_id}, multichat's {@code room}).
     */
    public long requireId(String field) {
        JsonNode value = require(field);
        if (value.isString() && value.asString().matches("\\d{1,18}")) {
            return Long.parseLong(value.asString());
        }
        return requireLong(field);
    }

    public Long optionalLong(String field) {
        return has(field) ? requireLong(field) : null;
    }

    public boolean optionalBoolean(String field, boolean otherwise) {
        if (!has(field)) {
            return otherwise;
        }
        JsonNode value = node.get(field);
        if (!value.isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return value.asBoolean();
    }

    private JsonNode require(String field) {
        if (!has(field)) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "The field '" + field + "' is missing.");
        }
        return node.get(field);
    }

    private static ChatException wrongType(String field, String expected) {
        return new ChatException(ErrorCode.WRONG_FIELD_TYPE, "The field '" + field + "' must be " + expected + ".");
    }
}
