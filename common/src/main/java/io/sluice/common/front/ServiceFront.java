package io.sluice.common.front;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;

/**
 * The front's listening port for one service: every accepted TCP connection becomes a {@link ClientConnection} that
 * forwards it byte for byte to one of the service's {@link LiveReaders}, so HTTP/1.1, h2c and keep-alive pass through.
 */
final class ServiceFront implements AutoCloseable {

    private final LiveReaders readers;
    private final Channel serverChannel;
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    ServiceFront(String host, int port, LiveReaders readers, FrontSettings settings, EventLoopGroup boss, EventLoopGroup workers)
            throws InterruptedException {
        this.readers = readers;
        this.serverChannel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        clients.add(ch);
                        ch.pipeline().addLast(new ClientConnection(readers, settings));
                    }
                })
                .bind(host, port)
                .sync()
                .channel();
    }

    LiveReaders readers() {
        return readers;
    }

    /** The port bound (useful when configured as 0). */
    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        clients.close().awaitUninterruptibly();
    }
}
