package org.parley.chat.chatport;

import io.netty.handler.codec.http.FullHttpRequest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.ServerHttpAsyncRequestControl;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;

/**
 * A chat-port handshake as Spring's {@code ServerHttpRequest} and {@code ServerHttpResponse}, so the
 * handshake interceptors the servlet endpoints use (login required, the private-chat token check) run
 * unchanged. Lives only while the handshake is checked.
 */
final class HandshakeExchange {

    final Request request;
    final Response response = new Response();

    HandshakeExchange(
            FullHttpRequest netty, URI uri, Principal principal, InetSocketAddress local, InetSocketAddress remote) {
        HttpHeaders headers = new HttpHeaders();
        netty.headers().forEach(h -> headers.add(h.getKey(), h.getValue()));
        this.request = new Request(uri, headers, principal, local, remote);
    }

    record Request(URI uri, HttpHeaders headers, Principal principal, InetSocketAddress local, InetSocketAddress remote)
            implements ServerHttpRequest {

        @Override
        public HttpMethod getMethod() {
            return HttpMethod.GET;
        }

        @Override
        public URI getURI() {
            return uri;
        }

        @Override
        public Map<String, Object> getAttributes() {
            return new HashMap<>();
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public InputStream getBody() {
            return InputStream.nullInputStream();
        }

        @Override
        public Principal getPrincipal() {
            return principal;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return local;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return remote;
        }

        @Override
        public ServerHttpAsyncRequestControl getAsyncRequestControl(ServerHttpResponse response) {
            throw new UnsupportedOperationException("no asynchronous requests on the chat port");
        }
    }

    static final class Response implements ServerHttpResponse {

        private final HttpHeaders headers = new HttpHeaders();
        private HttpStatusCode status = HttpStatus.FORBIDDEN;

        /** The status of a refused handshake: what an interceptor set, 403 if it set none. */
        HttpStatusCode status() {
            return status;
        }

        @Override
        public void setStatusCode(HttpStatusCode status) {
            this.status = status;
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public OutputStream getBody() {
            return new ByteArrayOutputStream();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
