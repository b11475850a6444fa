package org.parley.chat.chatport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first request on a chat-port connection. Cheap checks run here on the I/O thread (a WebSocket
 * upgrade, a known path, an allowed origin); the rest (who the user is, the endpoint's interceptors, which
 * may ask the database) runs in {@link ChatPortServer#open}, off the I/O thread, while the connection is not
 * read. Anything else on this port is 404: it serves sockets only. A connection that sends no request
 * within {@value #REQUEST_TIMEOUT_SECONDS} s is closed.
 */
final class HandshakeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(HandshakeHandler.class);
    static final int REQUEST_TIMEOUT_SECONDS = 30;

    private final ChatPortServer server;
    private ScheduledFuture<?> timeout;

    HandshakeHandler(ChatPortServer server) {
        this.server = server;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule((Runnable) ctx::close, REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        timeout.cancel(false);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).rawPath();
        ChatPortRoutes.Route route = server.routes().match(path);
        if (route == null) {
            refuse(ctx, HttpResponseStatus.NOT_FOUND);
            return;
        }
        if (!HttpMethod.GET.equals(request.method())
                || !request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST);
            return;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (!route.allowsOrigin(origin, request.headers().get(HttpHeaderNames.HOST), server.pagePorts())) {
            log.info("Refused a chat-port socket to {} from origin {}", path, origin);
            refuse(ctx, HttpResponseStatus.FORBIDDEN);
            return;
        }
        // Not read again until the socket is open (or refused): its first frames wait for the handler.
        ctx.channel().config().setAutoRead(false);
        request.retain();
        long queued = System.nanoTime();
        try {
            server.handshakes().execute(() -> server.open(ctx.channel(), request, route, queued));
        } catch (RejectedExecutionException shuttingDown) {
            request.release();
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE);
        }
    }

    static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status) {
        refuse(ctx.channel(), status);
    }

    static void refuse(Channel channel, HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        response.headers()
                .set(HttpHeaderNames.CONTENT_LENGTH, 0)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Chat-port connection {} failed before its handshake: {}", ctx.channel(), cause.toString());
        ctx.close();
    }
}
