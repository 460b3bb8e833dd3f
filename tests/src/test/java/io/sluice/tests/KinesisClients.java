package io.sluice.tests;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * AWS SDK for Java v2 Kinesis clients pointed at Sluice, the way users build them: the sync client
 * with CBOR (the SDK default) or with CBOR switched off (JSON), and the async Netty client (HTTP/2 by
 * default for Kinesis). Each records the Content-Type it sent, so tests can prove the wire format.
 */
public final class KinesisClients {

    /** The client variants every API test runs with. */
    public enum Kind {
        SYNC_CBOR,
        SYNC_JSON,
        ASYNC_HTTP2
    }

    /** A client plus what it sent. */
    public record Client(Kind kind, KinesisClient api, List<String> contentTypes, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    private KinesisClients() {}

    public static Client create(Kind kind, URI endpoint) {
        List<String> contentTypes = new CopyOnWriteArrayList<>();
        ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder()
                .addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        context.httpRequest().firstMatchingHeader("Content-Type").ifPresent(contentTypes::add);
                    }
                })
                .build();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
        switch (kind) {
            case SYNC_CBOR:
            case SYNC_JSON: {
                String previous = System.getProperty("aws.cborEnabled");
                System.setProperty("aws.cborEnabled", Boolean.toString(kind == Kind.SYNC_CBOR));
                try {
                    KinesisClient client = KinesisClient.builder()
                            .endpointOverride(endpoint)
                            .region(Region.US_EAST_1)
                            .credentialsProvider(credentials)
                            .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
                            .overrideConfiguration(overrides)
                            .build();
                    return new Client(kind, client, contentTypes, client);
                } finally {
                    if (previous == null) {
                        System.clearProperty("aws.cborEnabled");
                    } else {
                        System.setProperty("aws.cborEnabled", previous);
                    }
                }
            }
            case ASYNC_HTTP2: {
                KinesisAsyncClient async = KinesisAsyncClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials)
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2))
                        .overrideConfiguration(overrides)
                        .build();
                return new Client(kind, blocking(async), contentTypes, async);
            }
            default:
                throw new IllegalArgumentException(kind.name());
        }
    }

    /** The async client seen through the sync interface: every call joins its future. */
    static KinesisClient blocking(KinesisAsyncClient async) {
        return (KinesisClient) Proxy.newProxyInstance(
                KinesisClient.class.getClassLoader(),
                new Class<?>[] {KinesisClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        async.close();
                        return null;
                    }
                    Method target = KinesisAsyncClient.class.getMethod(method.getName(), method.getParameterTypes());
                    try {
                        Object result = target.invoke(async, args);
                        return result instanceof CompletableFuture<?> f ? f.join() : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } catch (CompletionException e) {
                        throw e.getCause();
                    }
                });
    }
}
