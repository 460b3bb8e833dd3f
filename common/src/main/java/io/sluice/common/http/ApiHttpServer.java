package io.sluice.common.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.sluice.common.wire.WireFormat;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Netty server of one source reader. It speaks HTTP/1.1 with keep-alive and HTTP/2 over cleartext,
 * both with prior knowledge (the AWS SDK v2 async client's way on {@code http://}) and by
 * {@code Upgrade: h2c}. Every request is aggregated up to the size limit and handed to an
 * {@link ApiRequestHandler}; bodies over the limit get a 413 with an AWS-shaped error.
 */
public final class ApiHttpServer implements AutoCloseable {

    /** HTTP/2 streams one connection may have open (each may aggregate up to the request size limit). */
    static final int MAX_CONCURRENT_STREAMS = 128;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel serverChannel;
    private final long graceMillis;

    private ApiHttpServer(HttpEndpointSettings settings, int port, Endpoint endpoint) throws InterruptedException {
        this.graceMillis = settings.shutdownGrace().toMillis();
        this.boss = new NioEventLoopGroup(1);
        this.workers = new NioEventLoopGroup(settings.workerThreads());
        ApiRequestHandler handler = new ApiRequestHandler(endpoint, settings.requestTimeout().toMillis(), settings.service());
        int maxBody = settings.maxRequestBytes();
        ChannelInitializer<Channel> http2Streams =
                new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel stream) {
                        stream.pipeline()
                                .addLast(new Http2StreamFrameToHttpObjectCodec(true))
                                .addLast(new BoundedAggregator(maxBody))
                                .addLast(handler);
                    }
                };
        try {
            this.serverChannel =
                    new ServerBootstrap()
                            .group(boss, workers)
                            .channel(NioServerSocketChannel.class)
                            .option(ChannelOption.SO_BACKLOG, 1024)
                            .option(ChannelOption.SO_REUSEADDR, true)
                            .childOption(ChannelOption.TCP_NODELAY, true)
                            .childHandler(
                                    new ChannelInitializer<SocketChannel>() {
                                        @Override
                                        protected void initChannel(SocketChannel ch) {
                                            connections.add(ch);
                                            configure(ch.pipeline(), http2Streams, handler, maxBody);
                                        }
                                    })
                            .bind(settings.host(), port)
                            .sync()
                            .channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdownLoops();
            throw e;
        }
    }

    /** Binds and starts serving; fails if the port is taken. */
    public static ApiHttpServer start(HttpEndpointSettings settings, int port, Endpoint endpoint) throws InterruptedException {
        return new ApiHttpServer(settings, port, endpoint);
    }

    private static void configure(
            ChannelPipeline p, ChannelInitializer<Channel> http2Streams, ApiRequestHandler handler, int maxBody) {
        HttpServerCodec http1 = new HttpServerCodec();
        HttpServerUpgradeHandler.UpgradeCodecFactory upgrades =
                protocol ->
                        AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                                ? new Http2ServerUpgradeCodec(http2FrameCodec(), new Http2MultiplexHandler(http2Streams))
                                : null;
        ChannelInitializer<Channel> priorKnowledge =
                new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(http2FrameCodec(), new Http2MultiplexHandler(http2Streams));
                    }
                };
        p.addLast(new CleartextHttp2ServerUpgradeHandler(http1, new HttpServerUpgradeHandler(http1, upgrades, maxBody), priorKnowledge));
        // Only an HTTP/1.1 connection reaches this: swap in the aggregator and the API handler.
        p.addLast(
                new SimpleChannelInboundHandler<HttpMessage>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, HttpMessage msg) {
                        ChannelPipeline pipeline = ctx.pipeline();
                        pipeline.addAfter(ctx.name(), null, handler);
                        pipeline.replace(this, null, new BoundedAggregator(maxBody));
                        ctx.fireChannelRead(ReferenceCountUtil.retain(msg));
                    }
                });
    }

    private static io.netty.handler.codec.http2.Http2FrameCodec http2FrameCodec() {
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(MAX_CONCURRENT_STREAMS).initialWindowSize(1 << 20))
                .build();
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops accepting, gives written answers the grace period to drain, then closes everything. */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly(graceMillis);
        shutdownLoops();
    }

    private void shutdownLoops() {
        boss.shutdownGracefully(0, graceMillis, TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(0, graceMillis, TimeUnit.MILLISECONDS).awaitUninterruptibly(graceMillis + 1000);
    }

    /** Aggregates a request up to the limit; refuses bigger ones with an AWS-shaped 413. */
    private static final class BoundedAggregator extends HttpObjectAggregator {
        private final int limit;

        BoundedAggregator(int limit) {
            super(limit);
            this.limit = limit;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            WireFormat format = WireFormat.fromContentType(oversized.headers().get(HttpHeaderNames.CONTENT_TYPE));
            ApiRequestHandler.refuseOversized(ctx, format == null ? WireFormat.JSON : format, limit);
        }
    }
}
