package org.parley.chat.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import tools.jackson.databind.json.JsonMapper;

class ClientStringsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private ClientStrings strings() {
        var messages = new StaticMessageSource();
        messages.addMessage("plain", Locale.ENGLISH, "Don't panic");
        messages.addMessage("with.arg", Locale.ENGLISH, "{0} is typing… it''s {1}");
        messages.addMessage("markup", Locale.ENGLISH, "</script><script>alert(1)</script> & co");
        messages.addMessage("plain", Locale.GERMAN, "Keine Panik");
        return new ClientStrings(messages, json);
    }

    @Test
    void placeholdersStayForTheScriptAndMessageFormatQuotingIsApplied() {
        var result = json.readTree(strings().json(List.of("plain", "with.arg"), Locale.ENGLISH));

        assertThat(result.path("plain").asString()).isEqualTo("Don't panic");
        assertThat(result.path("with.arg").asString()).isEqualTo("{0} is typing… it's {1}");
    }

    @Test
    void nothingCanEndTheScriptElementItIsPlacedIn() {
        String text = strings().json(List.of("markup"), Locale.ENGLISH);

        assertThat(text).doesNotContain("<").doesNotContain(">").doesNotContain("&");
        assertThat(json.readTree(text).path("markup").asString()).isEqualTo("</script><script>alert(1)</script> & co");
    }

    @Test
    void followsTheLocaleAndFallsBackToTheKeyForAMissingString() {
        var result = json.readTree(strings().json(List.of("plain", "missing"), Locale.GERMAN));

        assertThat(result.path("plain").asString()).isEqualTo("Keine Panik");
        assertThat(result.path("missing").asString()).isEqualTo("missing");
    }
}
