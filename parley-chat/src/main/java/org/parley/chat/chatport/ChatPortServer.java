package org.parley.chat.chatport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.parley.chat.realtime.LoginSession;
import org.parley.chat.realtime.SocketPort;
import org.parley.chat.system.ParleyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The chat port: a Netty server beside the servlet container that answers the chat sockets
 * ({@link ChatPortRoutes}) with the same handlers. I/O threads only move bytes; handshakes run on
 * {@code parley.websocket.concurrent-opens} threads (a reconnect storm queues there, up to
 * {@code parley.websocket.open-wait}, then 503) and received frames on the worker pool.
 *
 * <p>Starts after the servlet web server and stops after {@code SocketShutdown} has closed the sockets.
 */
public final class ChatPortServer implements SmartLifecycle, SocketPort {

    private static final Logger log = LoggerFactory.getLogger(ChatPortServer.class);

    private final ChatPortProperties settings;
    private final ParleyProperties.WebSocket limits;
    private final ChatPortRoutes routes;
    private final Supplier<SessionPrincipals> principalsSource;
    private final SslContext ssl;
    private final WebSocketDecoderConfig decoderConfig;

    private final Map<EventLoop, LoopWriter> loopWriters = new ConcurrentHashMap<>();
    private final Supplier<Set<Integer>> pagePortsSource;
    private volatile SessionPrincipals principals;
    private volatile Set<Integer> pagePorts = Set.of();
    private EventLoopGroup io;
    private ForkJoinPool workers;
    private ThreadPoolExecutor handshakes;
    private Channel server;
    private volatile int localPort = -1;

    ChatPortServer(
            ChatPortProperties settings,
            ParleyProperties.WebSocket limits,
            ChatPortRoutes routes,
            Supplier<SessionPrincipals> principals,
            Supplier<Set<Integer>> pagePorts,
            SslContext ssl) {
        this.pagePortsSource = pagePorts;
        this.settings = settings;
        this.limits = limits;
        this.routes = routes;
        this.principalsSource = principals;
        this.ssl = ssl;
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength((int) limits.maxFrameSize().toBytes())
                .allowExtensions(false)
                .expectMaskedFrames(true)
                .closeOnProtocolViolation(true)
                .withUTF8Validator(true)
                .build();
    }

    @Override
    public synchronized void start() {
        principals = principalsSource.get();
        pagePorts = pagePortsSource.get();
        io = new MultiThreadIoEventLoopGroup(ioThreads(), threads("parley-chat-io"), NioIoHandler.newFactory());
        workers = workerPool(settings.workerThreads());
        handshakes = pool(limits.concurrentOpens(), "parley-chat-open");
        long outbound = Math.max(2, limits.outboundBufferSize().toBytes());
        var bootstrap = new ServerBootstrap()
                .group(io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark((int) (outbound / 2), (int)
                        Math.min(Integer.MAX_VALUE, outbound)))
                // Small first reads: chat frames are short, and an idle socket holds no buffer between reads.
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 512, 65536))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (ssl != null) {
                            channel.pipeline().addLast("tls", ssl.newHandler(channel.alloc()));
                        }
                        channel.pipeline()
                                .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                                .addLast("http-aggregator", new HttpObjectAggregator(8192))
                                .addLast("handshake", new HandshakeHandler(ChatPortServer.this));
                    }
                });
        var address = settings.address() == null || settings.address().isBlank()
                ? new InetSocketAddress(settings.port())
                : new InetSocketAddress(settings.address(), settings.port());
        try {
            server = bootstrap.bind(address).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while binding the chat port", e);
        } catch (Exception e) {
            stopThreads();
            throw new IllegalStateException("Could not bind the chat port " + address + ": " + e.getMessage(), e);
        }
        localPort = ((InetSocketAddress) server.localAddress()).getPort();
        log.info(
                "Chat port listening on {}:{} ({}; {} I/O threads, {} workers)",
                address.getHostString(),
                localPort,
                ssl != null ? "wss" : "ws",
                ioThreads(),
                settings.workerThreads());
    }

    /** One per CPU unless set (Netty's own default, two per CPU, only adds switching for this work). */
    private int ioThreads() {
        return settings.ioThreads() > 0
                ? settings.ioThreads()
                : Runtime.getRuntime().availableProcessors();
    }

    /**
     * The workers that run received frames: a fork-join pool, used only as a plain executor. A
     * ThreadPoolExecutor's queue wakes a parked worker for each frame and parks it again after that frame;
     * on dialogs that was a quarter of the server's CPU (the scheduler switching threads). A fork-join
     * worker looks for more work before it parks, so frames arriving together share a wake-up
     * (docs/performance.md, "Seventh round"). FIFO mode: tasks are never joined.
     */
    private static ForkJoinPool workerPool(int size) {
        // The application's class loader, as the pool's threads would inherit from a thread of ours.
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        var count = new AtomicInteger();
        return new ForkJoinPool(
                size,
                pool -> {
                    var thread = new ForkJoinWorkerThread(pool) {};
                    thread.setName("parley-chat-worker-" + count.incrementAndGet());
                    thread.setContextClassLoader(loader);
                    return thread;
                },
                null,
                true);
    }

    private static ThreadPoolExecutor pool(int size, String name) {
        var pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ThreadFactory threads(String name) {
        var count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Opens a socket whose request passed {@link HandshakeHandler}: finds the session's user, runs the
     * endpoint's interceptors as the servlet port would, completes the upgrade and hands the socket to its
     * handler. Runs on a handshake thread.
     */
    void open(Channel channel, FullHttpRequest request, ChatPortRoutes.Route route, long queuedNanos) {
        boolean handedOver = false;
        try {
            if (!channel.isActive()) {
                return;
            }
            if (System.nanoTime() - queuedNanos > limits.openWait().toNanos()) {
                log.warn(
                        "Refused a chat-port socket to {}: waited over {} for its turn",
                        route.pattern(),
                        limits.openWait());
                HandshakeHandler.refuse(channel, HttpResponseStatus.SERVICE_UNAVAILABLE);
                return;
            }
            String host = request.headers().get(HttpHeaderNames.HOST, "localhost");
            URI uri;
            try {
                // Without the context path, as the servlet port's interceptors see it.
                uri = new URI((ssl != null ? "wss://" : "ws://") + host + routes.withinApplication(request.uri()));
            } catch (URISyntaxException malformed) {
                // A Host or request target no browser sends (Tomcat answers those 400 as well).
                HandshakeHandler.refuse(channel, HttpResponseStatus.BAD_REQUEST);
                return;
            }
            SessionPrincipals.Login login = principals.loginOf(request.headers().get(HttpHeaderNames.COOKIE));
            Principal principal = login == null ? null : login.principal();
            var exchange = new HandshakeExchange(
                    request, uri, principal, (InetSocketAddress) channel.localAddress(), (InetSocketAddress)
                            channel.remoteAddress());
            Map<String, Object> attributes = new HashMap<>();
            if (login != null && login.session() != null) {
                attributes.put(LoginSession.ATTRIBUTE, login.session());
            }
            for (HandshakeInterceptor interceptor : route.interceptors()) {
                if (!before(interceptor, exchange, route, attributes)) {
                    HttpStatusCode status = exchange.response.status();
                    HandshakeHandler.refuse(channel, HttpResponseStatus.valueOf(status.value()));
                    return;
                }
            }
            WebSocketServerHandshaker handshaker =
                    new WebSocketServerHandshakerFactory(uri.toString(), null, decoderConfig).newHandshaker(request);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
                return;
            }
            var session = new NettySocketSession(
                    channel,
                    uri,
                    request.headers().get(HttpHeaderNames.ACCEPT_LANGUAGE),
                    attributes,
                    principal,
                    limits.sendTimeLimit().toMillis(),
                    loopWriters.computeIfAbsent(channel.eventLoop(), LoopWriter::new));
            handedOver = true;
            handshaker.handshake(channel, request).addListener(done -> {
                request.release();
                if (done.isSuccess()) {
                    upgraded(channel, session, route);
                } else {
                    log.debug("Chat-port handshake failed: {}", done.cause().toString());
                    channel.close();
                }
            });
            for (HandshakeInterceptor interceptor : route.interceptors()) {
                interceptor.afterHandshake(exchange.request, exchange.response, route.handler(), null);
            }
        } catch (DataAccessException e) {
            log.error("Database failure during a chat-port handshake: {}", e.toString());
            HandshakeHandler.refuse(channel, HttpResponseStatus.SERVICE_UNAVAILABLE);
        } catch (RuntimeException e) {
            log.error("Chat-port handshake failed", e);
            HandshakeHandler.refuse(channel, HttpResponseStatus.INTERNAL_SERVER_ERROR);
        } finally {
            if (!handedOver) {
                request.release();
            }
        }
    }

    private static boolean before(
            HandshakeInterceptor interceptor,
            HandshakeExchange exchange,
            ChatPortRoutes.Route route,
            Map<String, Object> attributes) {
        try {
            return interceptor.beforeHandshake(exchange.request, exchange.response, route.handler(), attributes);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void upgraded(Channel channel, NettySocketSession session, ChatPortRoutes.Route route) {
        var pipeline = channel.pipeline();
        pipeline.remove(HandshakeHandler.class);
        // Text that is not UTF-8 closes the socket with 1007 (RFC 6455 8.1); Netty's decoder does not check it,
        // its WebSocketServerProtocolHandler adds this validator, which the chat port does not use.
        pipeline.addLast("ws-utf8", new Utf8FrameValidator(true));
        pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator((int)
                limits.maxFrameSize().toBytes()));
        var inbox = new Inbox(channel, workers);
        session.inbox(inbox);
        var frames = new FrameHandler(session, route.handler(), inbox);
        pipeline.addLast("chat", frames);
        var context = pipeline.context(frames);
        // Opening asks the database (the user, their rooms): it takes its turn among the handshakes, so a
        // reconnect storm never has more than concurrent-opens of them at the connection pool at once.
        try {
            handshakes.execute(() -> frames.establish(context));
        } catch (RejectedExecutionException shuttingDown) {
            channel.close();
        }
    }

    ChatPortRoutes routes() {
        return routes;
    }

    /** The ports the application's pages are served on (the main port, public ports): allowed origins. */
    Set<Integer> pagePorts() {
        return pagePorts;
    }

    Executor handshakes() {
        return handshakes;
    }

    /** The bound port (useful with port 0), or -1 before start. */
    public int localPort() {
        return localPort;
    }

    @Override
    public Integer publicPort() {
        return settings.publicPort() != null ? settings.publicPort() : localPort;
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.close().syncUninterruptibly();
            server = null;
        }
        loopWriters.clear();
        stopThreads();
        localPort = -1;
    }

    private void stopThreads() {
        if (io != null) {
            io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            io = null;
        }
        if (handshakes != null) {
            handshakes.shutdownNow();
        }
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Starts after the servlet web server; stops after {@code SocketShutdown} (default phase) closed the sockets. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
