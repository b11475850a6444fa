package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.attoparser.ParseException;
import org.attoparser.config.ParseConfiguration;
import org.attoparser.dom.DOMMarkupParser;
import org.attoparser.dom.Element;
import org.attoparser.dom.INestableNode;
import org.attoparser.dom.INode;
import org.attoparser.dom.Text;
import org.junit.jupiter.api.Test;
import org.parley.chat.dialog.web.DialogPageController;
import org.parley.chat.room.RoomPageController;

/**
 * Every user-facing string comes from {@code messages*.properties}, and every translation is complete. Scans the
 * sources of every module of the build (templates, message files, page scripts), so a hard-coded word or a
 * forgotten translation in any of them fails here.
 */
class UserFacingTextTest {

    private static final Path ROOT = repositoryRoot();
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    /** Character references such as {@code &ndash;} are punctuation, not words. */
    private static final Pattern CHARACTER_REFERENCE = Pattern.compile("&(#\\d+|#x\\p{XDigit}+|[A-Za-z]+);");
    /**
     * The original clients that compatibility pages serve unmodified (protocol-reference.md): they build rows
     * with innerHTML from values the server escapes for them. Parley's own scripts never may.
     */
    private static final Set<String> ORIGINAL_CLIENTS = Set.of("private-chat.js", "multichat.js");
    /** th: attributes that replace an element's content (or the element), so its prototype text never shows. */
    private static final Set<String> REPLACING = Set.of("th:text", "th:utext", "th:replace", "th:insert");
    /** Attributes users read; a static one must be written th:… with a #{…} message. */
    private static final Set<String> READABLE_ATTRIBUTES =
            Set.of("placeholder", "title", "alt", "aria-label", "aria-description", "aria-placeholder", "label");

    private static final Pattern MESSAGE_FILE = Pattern.compile("(.*messages)(_[a-z]{2}(_[A-Z]{2})?)?\\.properties");
    private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([\\w.\\-]+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    private static final Pattern HTML_INJECTION =
            Pattern.compile("\\b(innerHTML|outerHTML|insertAdjacentHTML)\\b|document\\.write");
    private static final Pattern LITERAL_TEXT = Pattern.compile(
            "(\\.(textContent|innerText|title|placeholder|alt|ariaLabel)\\s*=|createTextNode\\(|alert\\(|confirm\\(|prompt\\()"
                    + "\\s*(['\"`])((?!\\3).)*\\p{L}");

    // ---- templates ----

    @Test
    void templatesHaveNoHardCodedText() {
        List<Path> templates = files("src/main/resources/templates", ".html");
        assertThat(templates).as("templates found").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path template : templates) {
            problems.addAll(hardCodedText(ROOT.relativize(template).toString(), read(template)));
        }
        assertThat(problems).as("hard-coded user-facing text in templates").isEmpty();
    }

    @Test
    void theTemplateCheckFindsHardCodedTextAndAcceptsMessages() {
        assertThat(hardCodedText("t", "<p>Hello</p>")).hasSize(1);
        assertThat(hardCodedText("t", "<input placeholder=\"Your name\">")).hasSize(1);
        assertThat(hardCodedText("t", "<a title=\"Open\" th:title=\"#{x}\">x</a>"))
                .hasSize(2);
        assertThat(hardCodedText("t", "<html th:replace=\"~{layout}\"><main><b>Oops</b></main></html>"))
                .hasSize(1);
        assertThat(hardCodedText(
                        "t",
                        "<p th:text=\"#{a}\">Prototype</p><span th:replace=\"~{f}\">x</span>"
                                + "<input th:placeholder=\"#{b}\"><script>let a = 'x';</script><p>12 &ndash; 3</p>"))
                .isEmpty();
    }

    @Test
    void everyMessageKeyUsedInATemplateExists() {
        Set<String> known = new TreeSet<>();
        for (Map<String, Properties> translations : messageFiles().values()) {
            known.addAll(translations.get("").stringPropertyNames());
        }
        Set<String> missing = new TreeSet<>();
        for (Path template : files("src/main/resources/templates", ".html")) {
            Matcher m = MESSAGE_KEY.matcher(read(template));
            while (m.find()) {
                if (!known.contains(m.group(1))) {
                    missing.add(m.group(1) + " (" + ROOT.relativize(template) + ")");
                }
            }
        }
        assertThat(missing)
                .as("message keys used in templates but defined nowhere")
                .isEmpty();
    }

    // ---- message files ----

    @Test
    void everyMessageBundleHasEnglishAndGerman() {
        Map<String, Map<String, Properties>> bundles = messageFiles();
        assertThat(bundles.keySet())
                .as("message bundles")
                .anyMatch(b -> b.endsWith("parley-chat/src/main/resources/parley/messages"))
                .anyMatch(b -> b.endsWith("parley-server/src/main/resources/messages"));
        bundles.forEach((bundle, translations) -> assertThat(translations.keySet())
                .as("translations of " + bundle)
                .contains("", "_de"));
    }

    @Test
    void everyTranslationHasExactlyTheKeysOfItsBundle() {
        List<String> problems = new ArrayList<>();
        messageFiles().forEach((bundle, translations) -> {
            Set<String> keys = translations.get("").stringPropertyNames();
            translations.forEach((suffix, properties) -> {
                problems.addAll(difference(keys, properties.stringPropertyNames(), bundle + suffix + " lacks "));
                problems.addAll(difference(properties.stringPropertyNames(), keys, bundle + suffix + " has extra "));
                properties.forEach((key, value) -> {
                    if (value.toString().isBlank()) {
                        problems.add(bundle + suffix + " has an empty " + key);
                    }
                });
            });
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void translationsUseTheSamePlaceholders() {
        List<String> problems = new ArrayList<>();
        messageFiles().forEach((bundle, translations) -> {
            Properties english = translations.get("");
            translations.forEach((suffix, properties) -> {
                for (String key : english.stringPropertyNames()) {
                    String translated = properties.getProperty(key);
                    if (translated != null
                            && !placeholders(translated).equals(placeholders(english.getProperty(key)))) {
                        problems.add(bundle + suffix + ": " + key + " has other placeholders than the English text");
                    }
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyStringThePageScriptsNeedIsDefined() {
        Properties parley = messageFiles().entrySet().stream()
                .filter(e -> e.getKey().endsWith("parley-chat/src/main/resources/parley/messages"))
                .findFirst()
                .orElseThrow()
                .getValue()
                .get("");
        assertThat(DialogPageController.CLIENT_KEYS)
                .as("keys the dialog pages hand to their script, including one per error code")
                .allSatisfy(key -> assertThat(parley.getProperty(key)).as(key).isNotBlank());
        assertThat(RoomPageController.CLIENT_KEYS)
                .as("keys the rooms page hands to its script, including one per error code")
                .allSatisfy(key -> assertThat(parley.getProperty(key)).as(key).isNotBlank());
    }

    // ---- page scripts ----

    @Test
    void pageScriptsInsertTextOnlyAsTextAndNeverHardCodeIt() {
        List<Path> scripts = files("src/main/resources/static", ".js");
        assertThat(scripts).as("page scripts found").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path script : scripts) {
            if (ORIGINAL_CLIENTS.contains(script.getFileName().toString())) {
                continue;
            }
            problems.addAll(scriptProblems(ROOT.relativize(script).toString(), read(script)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theScriptCheckFindsHtmlInsertionAndLiteralText() {
        assertThat(scriptProblems("s", "row.innerHTML = text;")).hasSize(1);
        assertThat(scriptProblems("s", "label.textContent = 'Reconnecting';")).hasSize(1);
        assertThat(scriptProblems("s", "button.title = `Send now`;")).hasSize(1);
        assertThat(scriptProblems("s", "alert(\"Failed\");")).hasSize(1);
        assertThat(scriptProblems("s", "label.textContent = t('parley.x'); input.value = '';"))
                .isEmpty();
    }

    // ---- the checks ----

    static List<String> hardCodedText(String name, String html) {
        List<String> problems = new ArrayList<>();
        try {
            var document = new DOMMarkupParser(ParseConfiguration.htmlConfiguration()).parse(name, html);
            visit(name, document, false, problems);
        } catch (ParseException e) {
            problems.add(name + ": cannot parse: " + e.getMessage());
        }
        return problems;
    }

    private static void visit(String name, INestableNode node, boolean replaced, List<String> problems) {
        for (INode child : node.getChildren()) {
            if (child instanceof Text text) {
                if (!replaced && hasWords(text.getContent())) {
                    problems.add(name + ":" + text.getLine() + ": text \""
                            + text.getContent().strip() + "\"");
                }
            } else if (child instanceof Element element) {
                String tag = element.getElementName().toLowerCase();
                if (tag.equals("script") || tag.equals("style")) {
                    continue;
                }
                // The page's <html th:replace="layout"> only frames it: what it hands to the layout must be clean.
                String remove = element.getAttributeValue("th:remove");
                boolean replacing = !tag.equals("html")
                        && (element.getAttributeMap().keySet().stream().anyMatch(REPLACING::contains)
                                || (remove != null && !remove.equals("tag") && !remove.equals("none")));
                for (var attribute : element.getAttributeMap().entrySet()) {
                    String value = attribute.getValue() == null ? "" : attribute.getValue();
                    if (!replaced
                            && READABLE_ATTRIBUTES.contains(attribute.getKey().toLowerCase())
                            && hasWords(value)) {
                        problems.add(name + ":" + element.getLine() + ": attribute " + attribute.getKey() + "=\""
                                + value + "\"");
                    }
                }
                visit(name, element, replaced || replacing, problems);
            }
        }
    }

    private static boolean hasWords(String text) {
        return LETTER.matcher(CHARACTER_REFERENCE.matcher(text).replaceAll("")).find();
    }

    static List<String> scriptProblems(String name, String source) {
        List<String> problems = new ArrayList<>();
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
        Matcher injection = HTML_INJECTION.matcher(code);
        while (injection.find()) {
            problems.add(name + ": inserts HTML (" + injection.group() + "); use textContent");
        }
        Matcher literal = LITERAL_TEXT.matcher(code);
        while (literal.find()) {
            problems.add(name + ": hard-coded text (" + literal.group() + "); use t('key') from the page strings");
        }
        return problems;
    }

    // ---- files ----

    /** Bundle (path without suffix) to translation suffix ("" for the default, "_de", …) to its properties. */
    private static Map<String, Map<String, Properties>> messageFiles() {
        Map<String, Map<String, Properties>> bundles = new TreeMap<>();
        for (Path file : files("src/main/resources", ".properties")) {
            Matcher m = MESSAGE_FILE.matcher(ROOT.relativize(file).toString().replace('\\', '/'));
            if (m.matches()) {
                bundles.computeIfAbsent(m.group(1), b -> new TreeMap<>())
                        .put(m.group(2) == null ? "" : m.group(2), load(file));
            }
        }
        bundles.values().removeIf(translations -> !translations.containsKey(""));
        return bundles;
    }

    private static List<Path> files(String underModule, String suffix) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml")))
                    .toList()) {
                Path dir = module.resolve(underModule);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> paths = Files.walk(dir)) {
                        paths.filter(p -> p.toString().endsWith(suffix))
                                .sorted()
                                .forEach(found::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static Properties load(Path file) {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not readable UTF-8", e);
        }
        return properties;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static List<String> difference(Set<String> a, Set<String> b, String prefix) {
        return a.stream().filter(k -> !b.contains(k)).map(k -> prefix + k).toList();
    }

    /** The build's root directory (tests run in a module's directory). */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("parley-chat"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "Cannot find the build's root from " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
