package io.sluice.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A Kinesis endpoint that stores nothing: it answers every call the load generator makes with a
 * canned success (PutRecords: one result per record it counted in the request). Pointing the generator
 * at it shows how much load the generator alone can drive on this machine, so that a figure measured
 * against a real server is the server's limit and not the generator's. Netty, one event-loop thread,
 * HTTP/1.1 keep-alive.
 *
 * <p>Run: {@code java -cp ... io.sluice.bench.NullKinesisEndpoint 14599}.
 */
public final class NullKinesisEndpoint {

    private static final JsonFactory JSON = new JsonFactory();
    private static final CBORFactory CBOR = new CBORFactory();

    private NullKinesisEndpoint() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 14599;
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 << 20), new Answer());
                    }
                })
                .bind("127.0.0.1", port).sync();
        System.out.println("Null Kinesis endpoint on http://127.0.0.1:" + port);
    }

    /** Answers one aggregated request. */
    private static final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws IOException {
            String target = String.valueOf(request.headers().get("X-Amz-Target"));
            String action = target.substring(target.indexOf('.') + 1);
            boolean cbor = String.valueOf(request.headers().get(HttpHeaderNames.CONTENT_TYPE)).contains("cbor");
            JsonFactory factory = cbor ? CBOR : JSON;
            int records = action.equals("PutRecords") ? countRecords(factory, new ByteBufInputStream(request.content())) : 0;
            ByteBuf reply = ctx.alloc().buffer();
            try (OutputStream out = new ByteBufOutputStream(reply)) {
                write(factory, out, action, records);
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, reply);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, cbor ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1");
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.readableBytes());
            ctx.writeAndFlush(response);
        }
    }

    private static void write(JsonFactory factory, OutputStream out, String action, int records) throws IOException {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            switch (action) {
                case "PutRecords" -> {
                    g.writeNumberField("FailedRecordCount", 0);
                    g.writeArrayFieldStart("Records");
                    for (int i = 0; i < records; i++) {
                        g.writeStartObject();
                        g.writeStringField("SequenceNumber", "49000000000000000000000000000000000000000000000000" + (i % 10));
                        g.writeStringField("ShardId", "shardId-000000000000");
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                case "PutRecord" -> {
                    g.writeStringField("SequenceNumber", "490000000000000000000000000000000000000000000000000");
                    g.writeStringField("ShardId", "shardId-000000000000");
                }
                case "DescribeStreamSummary" -> {
                    g.writeObjectFieldStart("StreamDescriptionSummary");
                    g.writeStringField("StreamStatus", "ACTIVE");
                    g.writeEndObject();
                }
                case "ListShards" -> {
                    g.writeArrayFieldStart("Shards");
                    g.writeStartObject();
                    g.writeStringField("ShardId", "shardId-000000000000");
                    g.writeEndObject();
                    g.writeEndArray();
                }
                case "GetShardIterator" -> g.writeStringField("ShardIterator", "null-iterator");
                case "GetRecords" -> {
                    g.writeArrayFieldStart("Records");
                    g.writeEndArray();
                    g.writeStringField("NextShardIterator", "null-iterator");
                    g.writeNumberField("MillisBehindLatest", 0);
                }
                default -> { }
            }
            g.writeEndObject();
        }
    }

    /** Counts the objects of the top-level {@code Records} array without building a tree. */
    private static int countRecords(JsonFactory factory, InputStream body) throws IOException {
        int count = 0;
        try (JsonParser p = factory.createParser(body)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("Records") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        p.skipChildren();
                        count++;
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return count;
    }
}
