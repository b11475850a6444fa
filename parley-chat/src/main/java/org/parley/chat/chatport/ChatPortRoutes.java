package org.parley.chat.chatport;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.SockJsServiceRegistration;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistration;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The sockets the chat port answers: every {@code ChatEndpoint} registers itself here exactly as it does with
 * the servlet container (same paths, handlers, interceptors and allowed origins), so the two ports cannot
 * drift apart.
 */
final class ChatPortRoutes implements WebSocketHandlerRegistry {

    record Route(
            PathPattern pattern,
            WebSocketHandler handler,
            List<HandshakeInterceptor> interceptors,
            List<String> origins) {

        /**
         * An origin the endpoint allows, or no Origin at all (not a browser; it must still authenticate), or
         * a page of this application: the request's host on the request's own port or on one of
         * {@code pagePorts} (the main port, where the pages come from, and the public ports).
         */
        boolean allowsOrigin(String origin, String host, Set<Integer> pagePorts) {
            if (origin == null || origins.contains("*")) {
                return true;
            }
            String normalized = origin.toLowerCase(Locale.ROOT);
            for (String allowed : origins) {
                if (allowed.toLowerCase(Locale.ROOT).equals(normalized)) {
                    return true;
                }
            }
            try {
                URI from = URI.create(origin);
                URI to = URI.create("http://" + host);
                if (from.getHost() == null || !from.getHost().equalsIgnoreCase(to.getHost())) {
                    return false;
                }
                int fromPort =
                        from.getPort() != -1 ? from.getPort() : "https".equalsIgnoreCase(from.getScheme()) ? 443 : 80;
                return fromPort == to.getPort()
                        || (to.getPort() == -1 && (fromPort == 80 || fromPort == 443))
                        || pagePorts.contains(fromPort);
            } catch (IllegalArgumentException | NullPointerException malformed) {
                return false;
            }
        }
    }

    private final List<Registration> registrations = new ArrayList<>();
    private final String contextPath;
    private List<Route> routes = List.of();

    ChatPortRoutes(String contextPath) {
        this.contextPath = contextPath == null || contextPath.equals("/") ? "" : contextPath;
    }

    @Override
    public WebSocketHandlerRegistration addHandler(WebSocketHandler handler, String... paths) {
        var registration = new Registration();
        return registration.addHandler(handler, paths);
    }

    /** Fixes the routes once every endpoint has registered (patterns are parsed here, not per handshake). */
    ChatPortRoutes seal() {
        List<Route> all = new ArrayList<>();
        for (Registration r : registrations) {
            all.addAll(r.routes());
        }
        routes = List.copyOf(all);
        return this;
    }

    boolean isEmpty() {
        return routes.isEmpty();
    }

    /** A request path or target without the servlet context path, if it starts with it. */
    String withinApplication(String rawPath) {
        return !contextPath.isEmpty() && rawPath.startsWith(contextPath + "/")
                ? rawPath.substring(contextPath.length())
                : rawPath;
    }

    /** The route of a request path (with or without the servlet context path), or null. */
    Route match(String rawPath) {
        PathContainer container = PathContainer.parsePath(withinApplication(rawPath));
        for (Route route : routes) {
            if (route.pattern().matches(container)) {
                return route;
            }
        }
        return null;
    }

    private record HandlerPaths(WebSocketHandler handler, String[] paths) {}

    private final class Registration implements WebSocketHandlerRegistration {

        private final List<HandlerPaths> handlers = new ArrayList<>();
        private final List<HandshakeInterceptor> interceptors = new ArrayList<>();
        private final List<String> origins = new ArrayList<>();

        Registration() {
            registrations.add(this);
        }

        List<Route> routes() {
            List<Route> routes = new ArrayList<>();
            for (HandlerPaths h : handlers) {
                for (String path : h.paths()) {
                    routes.add(new Route(
                            PathPatternParser.defaultInstance.parse(path),
                            h.handler(),
                            List.copyOf(interceptors),
                            List.copyOf(origins)));
                }
            }
            return routes;
        }

        @Override
        public WebSocketHandlerRegistration addHandler(WebSocketHandler handler, String... paths) {
            handlers.add(new HandlerPaths(handler, paths));
            return this;
        }

        @Override
        public WebSocketHandlerRegistration setHandshakeHandler(HandshakeHandler handshakeHandler) {
            throw new UnsupportedOperationException("the chat port does its own handshake");
        }

        @Override
        public WebSocketHandlerRegistration addInterceptors(HandshakeInterceptor... added) {
            interceptors.addAll(Arrays.asList(added));
            return this;
        }

        @Override
        public WebSocketHandlerRegistration setAllowedOrigins(String... allowed) {
            origins.addAll(Arrays.asList(allowed));
            return this;
        }

        @Override
        public WebSocketHandlerRegistration setAllowedOriginPatterns(String... patterns) {
            throw new UnsupportedOperationException("the chat port takes allowed origins, not patterns");
        }

        @Override
        public SockJsServiceRegistration withSockJS() {
            throw new UnsupportedOperationException("no SockJS on the chat port");
        }
    }
}
