package org.parley.chat.privatechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * {@code ws_server_path} from the analogs of CHAT_WS_SERVER_PROTOCOL, _HOST and _PORT, and from the page's
 * own request when they are not set.
 */
class PrivateChatAddressTest {

    private static PrivateChatProperties properties(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("parley.private-chat", PrivateChatProperties.class);
    }

    private static PrivateChatAddress address(Map<String, String> settings, SeparateChatPort port) {
        var beans = new StaticListableBeanFactory();
        if (port != null) {
            beans.addBean("port", port);
        }
        return new PrivateChatAddress(
                properties(settings),
                beans.getBeanProvider(SeparateChatPort.class),
                beans.getBeanProvider(org.parley.chat.realtime.SocketPort.class));
    }

    private static MockHttpServletRequest page(String scheme, String host, int port) {
        var request = new MockHttpServletRequest("GET", "/private-chat/dialogs/bob");
        request.setScheme(scheme);
        request.setSecure(scheme.equals("https"));
        request.setServerName(host);
        request.setServerPort(port);
        return request;
    }

    @Test
    void withoutSettingsThePagesOwnSchemeHostAndPort() {
        assertThat(address(Map.of(), null).wsServerPath(page("http", "chat.example.org", 8080)))
                .isEqualTo("ws://chat.example.org:8080/private-chat/");
        assertThat(address(Map.of(), null).wsServerPath(page("https", "chat.example.org", 443)))
                .isEqualTo("wss://chat.example.org:443/private-chat/");
        assertThat(address(Map.of(), null).wsServerPath(page("http", "::1", 8080)))
                .isEqualTo("ws://[::1]:8080/private-chat/");
    }

    @Test
    void thePublicSettingsWinOverTheRequest() {
        var settings = Map.of(
                "parley.private-chat.public-host", "chat.example.org",
                "parley.private-chat.public-port", "5002",
                "parley.private-chat.public-protocol", "wss",
                "parley.private-chat.base-path", "chat");
        assertThat(address(settings, null).wsServerPath(page("http", "10.0.0.7", 8080)))
                .isEqualTo("wss://chat.example.org:5002/chat/");
    }

    @Test
    void theSeparateChatPortUnlessAPublicPortIsSet() {
        SeparateChatPort tls = new SeparateChatPort() {
            @Override
            public int localPort() {
                return 5002;
            }

            @Override
            public boolean secure() {
                return true;
            }
        };
        assertThat(address(Map.of(), tls).wsServerPath(page("http", "localhost", 8080)))
                .isEqualTo("wss://localhost:5002/private-chat/");
        assertThat(address(Map.of("parley.private-chat.public-port", "443"), tls)
                        .wsServerPath(page("http", "localhost", 8080)))
                .isEqualTo("wss://localhost:443/private-chat/");
    }

    @Test
    void theBasePathIsNormalisedAndTheProtocolChecked() {
        assertThat(properties(Map.of("parley.private-chat.base-path", "/a/b")).basePath())
                .isEqualTo("/a/b/");
        assertThat(properties(Map.of("parley.private-chat.base-path", "/")).basePath())
                .isEqualTo("/");
        String key = "0123456789abcdef0123456789abcdef";
        var defaults = properties(Map.of());
        assertThat(defaults.isSocketPath("/private-chat/" + key + "/bob")).isTrue();
        assertThat(defaults.isSocketPath("/private-chat/" + key + "/bob/x")).isFalse();
        assertThat(defaults.isSocketPath("/private-chat/" + key + "/")).isFalse();
        assertThat(defaults.isSocketPath("/private-chat/0123/bob")).isFalse();
        assertThat(defaults.isSocketPath("/private-chat/dialogs/bob")).isFalse();
        assertThat(defaults.isSocketPath("/dialogs/" + key + "/bob")).isFalse();
        // With the original's root base path, pages of the host never look like a socket.
        var root = properties(Map.of("parley.private-chat.base-path", "/"));
        assertThat(root.isSocketPath("/" + key + "/bob")).isTrue();
        assertThat(root.isSocketPath("/admin/users")).isFalse();
        assertThat(root.isSocketPath("/dialogs/bob")).isFalse();
        assertThatThrownBy(() -> properties(Map.of("parley.private-chat.public-protocol", "http")))
                .hasStackTraceContaining("must be ws or wss");
    }
}
