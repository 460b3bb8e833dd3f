package io.sluice.common.front;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One client connection accepted by a {@link ServiceFront}: it picks a live reader, connects to it (a reader that
 * refuses is quarantined and the next one tried), then relays bytes both ways. While no reader is live it retries
 * every scan interval until the reader wait runs out, then closes the connection (the client's SDK retries).
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

    private final LiveReaders readers;
    private final FrontSettings settings;
    private long deadline;

    ClientConnection(LiveReaders readers, FrontSettings settings) {
        this.readers = readers;
        this.settings = settings;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline = System.nanoTime() + settings.readerWait().toNanos();
        connect(ctx.channel());
    }

    private void connect(Channel client) {
        if (!client.isActive()) {
            return;
        }
        Optional<ReaderAddress> reader = readers.next();
        if (reader.isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                client.close();
            } else {
                client.eventLoop().schedule(() -> connect(client), settings.scanInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
            return;
        }
        ReaderAddress address = reader.get();
        ChannelFuture connecting = new Bootstrap()
                .group(client.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .handler(new Relay(client))
                .connect(address.host(), address.port());
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                Channel server = connecting.channel();
                readers.track(address, client);
                client.closeFuture().addListener(f -> server.close());
                client.pipeline().addLast(new Relay(server));
                client.pipeline().remove(this);
                client.read();
                server.read();
            } else {
                readers.refused(address, done.cause());
                connect(client);
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
