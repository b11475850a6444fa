package org.parley.chat.support;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user-facing strings a page's JavaScript needs, resolved from {@code messages*.properties} for the
 * request's locale and rendered into the page as a JSON block, so no text is hard-coded in JavaScript.
 *
 * <p>Messages with placeholders keep them as literal {@code {0}}, {@code {1}}, … for the script to fill in;
 * they are resolved through MessageFormat exactly as a template's {@code #{key(arg)}} would be.
 */
public class ClientStrings {

    private static final Object[] PLACEHOLDERS = {"{0}", "{1}", "{2}", "{3}"};

    private final MessageSource messages;
    private final JsonMapper json;

    public ClientStrings(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /**
     * The strings for {@code keys} as a JSON object, safe to place inside {@code <script type="application/json">}:
     * {@code <}, {@code >} and {@code &} are escaped, so no value can end the script element. A key missing
     * from the properties resolves to the key itself (a test checks that none is missing).
     */
    public String json(Collection<String> keys, Locale locale) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (String key : keys) {
            resolved.put(key, resolve(key, locale));
        }
        return json.writeValueAsString(resolved)
                .replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026");
    }

    private String resolve(String key, Locale locale) {
        String raw = messages.getMessage(key, null, key, locale);
        if (raw == null || raw.indexOf('{') < 0) {
            return raw;
        }
        return messages.getMessage(key, PLACEHOLDERS, key, locale);
    }
}
