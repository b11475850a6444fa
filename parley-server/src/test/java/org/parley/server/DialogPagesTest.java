package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.parley.chat.dialog.DialogService;
import org.parley.chat.message.ChatMessage;
import org.parley.chat.message.MessageService;
import org.parley.chat.user.ChatUser;
import org.parley.chat.user.ChatUserDirectory;
import org.parley.server.account.AccountService;
import org.parley.server.support.ChatTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dialog pages as a browser gets them: real login, real HTTP, rendered HTML. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DialogPagesTest {

    private static final String PASSWORD = "page-test-password";
    private static final Pattern ENTRY =
            Pattern.compile("<li class=\"dialog-entry[^\"]*\" id=\"dialog-[^\"]+\"\\s+data-username=\"([^\"]+)\""
                    + "\\s+data-dialog-id=\"\\d+\"\\s+data-unread=\"(\\d+)\"");
    private static final Pattern STRINGS =
            Pattern.compile("<script type=\"application/json\" id=\"parley-strings\">(.*?)</script>", Pattern.DOTALL);

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    ChatUserDirectory users;

    @Autowired
    DialogService dialogs;

    @Autowired
    MessageService messages;

    @Test
    void aUserWithoutDialogsSeesAnEmptyStateAndAUserSearch() {
        String me = newUser("empty");
        String other = newUser("findme");
        var browser = logIn(me);

        String list = browser.get("/dialogs/").body();
        assertThat(list).contains("<div id=\"empty-dialogs\" class=\"empty-state\">");
        assertThat(list).contains("You have no dialogs yet.");
        assertThat(entries(list)).isEmpty();
        assertThat(list).contains("name=\"q\"").contains("placeholder=\"Username\"");

        String found = browser.get("/dialogs/?q=" + other.substring(0, other.length() - 2))
                .body();
        assertThat(found).contains("href=\"/dialogs/" + other + "\"");
        assertThat(found).doesNotContain("href=\"/dialogs/" + me + "\"");
        assertThat(browser.get("/dialogs/?q=zz-nobody-by-this-name").body()).contains("No users found.");
    }

    @Test
    void theListIsOrderedByLatestActivityWithUnreadCounts() {
        String me = newUser("me");
        String quiet = newUser("quiet");
        String chatty = newUser("chatty");
        String latest = newUser("latest");
        send(quiet, me, "an old message");
        send(chatty, me, "one");
        send(chatty, me, "two");
        ChatMessage read = send(latest, me, "read this");
        messages.markRead(user(me), read.id());
        send(me, latest, "the latest activity");
        send(chatty, me, "three");

        String list = logIn(me).get("/dialogs/").body();

        assertThat(entries(list)).containsExactly(chatty + "=3", latest + "=0", quiet + "=1");
        assertThat(list).contains("<div id=\"empty-dialogs\" class=\"empty-state\" hidden=\"hidden\">");
        assertThat(list).contains("title=\"3 unread\"");
    }

    @Test
    void theDialogPageShowsTheNewestPageOfHistoryAtTheBottomWithLoadOlder() {
        String me = newUser("reader");
        String other = newUser("writer");
        // 35 messages from both sides (each sender stays under the flood limit's burst).
        for (int i = 0; i < 35; i++) {
            String text = String.format("message-%02d", i);
            if (i % 2 == 0) {
                send(other, me, text);
            } else {
                send(me, other, text);
            }
        }

        var response = logIn(me).get("/dialogs/" + other);
        String page = response.body();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(page).doesNotContain("message-04<");
        assertThat(page.indexOf("message-05<")).isPositive().isLessThan(page.indexOf("message-34<"));
        assertThat(page).contains("<button id=\"load-older\" type=\"button\" class=\"load-older\">");
        assertThat(page).contains("id=\"offline-status\" class=\"status-offline\">Offline</span>");
        assertThat(page).contains("data-opponent=\"" + other + "\"");
        // The dialog is in the side bar, marked as the open one.
        assertThat(page).contains("class=\"dialog-entry offline active has-unread\" id=\"dialog-" + other + "\"");
    }

    @Test
    void aShortDialogHasNoLoadOlderButtonAndADialogIsStartedOnFirstVisit() {
        String me = newUser("starter");
        String other = newUser("newcomer");

        String page = logIn(me).get("/dialogs/" + other).body();

        assertThat(page).contains("<button id=\"load-older\" type=\"button\" class=\"load-older\" hidden=\"hidden\">");
        assertThat(page).contains("No messages yet.");
        assertThat(dialogs.dialogsOf(user(other)))
                .singleElement()
                .satisfies(d -> assertThat(d.otherUsername()).isEqualTo(me));
    }

    @Test
    void anUnknownUserGivesTheUserNotFoundPageWith404() {
        var browser = logIn(newUser("lost"));

        HttpResponse<String> response = browser.get("/dialogs/no-such-user-anywhere");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body())
                .contains("User not found")
                .contains("There is no user named “no-such-user-anywhere”.");
        assertThat(response.body()).contains("href=\"/dialogs/\"");
    }

    @Test
    void messageTextIsEscaped() {
        String me = newUser("victim");
        String other = newUser("attacker");
        send(other, me, "<script>alert(\"x\")</script> & <b>bold</b>");

        String page = logIn(me).get("/dialogs/" + other).body();

        assertThat(page)
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")
                .doesNotContain("<script>alert")
                .doesNotContain("<b>bold");
    }

    @Test
    void thePageCarriesItsStringsForTheScriptFromTheMessageSource() {
        String me = newUser("strings");
        String other = newUser("strings-other");

        String english = logIn(me).get("/dialogs/" + other).body();
        JsonNode strings = strings(english);

        assertThat(strings.path("parley.message.read").asString()).isEqualTo("Read");
        assertThat(strings.path("parley.dialogs.unread").asString()).isEqualTo("{0} unread");
        assertThat(strings.path("parley.error.rate-limited").asString()).startsWith("You are sending too fast");
    }

    @Test
    void pagesAreInGermanForABrowserThatAsksForGerman() {
        String me = newUser("deutsch");
        String other = newUser("partner");
        send(other, me, "Hallo");
        var browser = logIn(me);

        String list = browser.get("/dialogs/", "Accept-Language", "de-DE,de;q=0.9,en;q=0.5")
                .body();
        assertThat(list)
                .contains("<html lang=\"de\">")
                .contains("<title>Dialoge</title>")
                .contains("Mit wem möchtest du schreiben?")
                .contains("title=\"1 ungelesen\"")
                .contains("Abmelden");

        String dialog =
                browser.get("/dialogs/" + other, "Accept-Language", "de").body();
        assertThat(dialog).contains("Dialog mit " + other).contains(">Senden<").contains("schreibt…");
        assertThat(strings(dialog).path("parley.message.read").asString()).isEqualTo("Gelesen");

        String missing =
                browser.get("/dialogs/niemand-hier", "Accept-Language", "de").body();
        assertThat(missing).contains("Benutzer nicht gefunden").contains("„niemand-hier“");

        String login =
                new ChatTestClient(port).get("/login", "Accept-Language", "de").body();
        assertThat(login).contains("Passwort").contains("Noch kein Konto?");
    }

    @Test
    void anUnsupportedLanguageGetsEnglishEvenOnAGermanSystem() {
        String me = newUser("tourist");
        var browser = logIn(me);
        Locale system = Locale.getDefault();
        try {
            // With fallback-to-system-locale on, a French browser on a German server would get German.
            Locale.setDefault(Locale.GERMANY);
            String list = browser.get("/dialogs/", "Accept-Language", "fr-FR").body();
            assertThat(list)
                    .contains("<html lang=\"en\">")
                    .contains("<title>Dialogs</title>")
                    .contains("Find a user to talk to");
        } finally {
            Locale.setDefault(system);
        }
    }

    // ---- helpers ----

    private String newUser(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(name, PASSWORD, false);
        return name;
    }

    private ChatUser user(String username) {
        return users.findByUsername(username).orElseThrow();
    }

    private ChatMessage send(String from, String to, String text) {
        return messages.send(user(from), to, text, null);
    }

    private ChatTestClient logIn(String username) {
        return new ChatTestClient(port).logIn(username, PASSWORD);
    }

    /** The list's entries in page order as "username=unread". */
    private static List<String> entries(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = ENTRY.matcher(html);
        while (m.find()) {
            found.add(m.group(1) + "=" + m.group(2));
        }
        return found;
    }

    private static JsonNode strings(String html) {
        Matcher m = STRINGS.matcher(html);
        assertThat(m.find()).as("the page's strings block").isTrue();
        return JsonMapper.builder().build().readTree(m.group(1));
    }
}
