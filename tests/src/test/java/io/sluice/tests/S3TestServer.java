package io.sluice.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-protocol server in this JVM on loopback: S3Proxy over an in-memory blob store (jclouds
 * {@code transient}: keys, not directories), with SigV2/V4 authentication. {@link #flinkS3Options} are the keys Flink's
 * {@code s3a://} file system reads; {@link #client} is the AWS SDK's S3 client that tests read objects with. The
 * Firehose benchmark ({@code io.sluice.bench.S3BenchServer}) runs the same server in a JVM of its own.
 */
public final class S3TestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "sluice-access";
    public static final String SECRET_KEY = "sluice-secret";

    private final S3Proxy proxy;
    private final URI endpoint;

    private S3TestServer(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    static S3TestServer start() {
        return start(freePort());
    }

    /** Starts the server on {@code 127.0.0.1:port}. */
    public static S3TestServer start(int port) {
        try {
            // In memory: the filesystem store maps keys to directories and answers S3A's deletes of its directory
            // markers ("2026/", "2026/12/", ...) with DirectoryNotEmptyException, which S3A retries without end.
            Properties properties = new Properties();
            BlobStoreContext context = ContextBuilder.newBuilder("transient")
                    .credentials(ACCESS_KEY, SECRET_KEY)
                    .overrides(properties)
                    .build(BlobStoreContext.class);
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .endpoint(endpoint)
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            Streams.await("S3Proxy started", () -> "STARTED".equals(proxy.getState()), Duration.ofSeconds(30));
            return new S3TestServer(proxy, endpoint);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Flink's S3 options for this server ({@code s3.endpoint}, path-style access, the keys). */
    Configuration flinkS3Options() {
        Configuration conf = new Configuration();
        conf.setString("s3.endpoint", endpoint.toString());
        conf.setString("s3.path.style.access", "true");
        conf.setString("s3.access-key", ACCESS_KEY);
        conf.setString("s3.secret-key", SECRET_KEY);
        return conf;
    }

    S3Client client() {
        return client(endpoint);
    }

    /** The AWS SDK's S3 client, path-style, with checksums only where required (S3Proxy has no flexible checksums). */
    public static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /**
     * The bucket's objects as S3 would list them. S3Proxy emulates multipart uploads on this store with
     * bookkeeping objects of its own ({@code .mpus-<uploadId>-<key>-<part>}, a stub, and one named by the upload
     * id) that a real S3 never lists; they are left out. The one named by the upload id may outlive the others for a
     * moment while an upload completes, so an empty object named by a bare UUID (a key Sluice never writes: its keys
     * hold the delivery stream's name) is left out too.
     */
    public static List<S3Object> objects(S3Client s3, String bucket) {
        List<S3Object> all = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(all::add);
        Set<String> uploadIds = new HashSet<>();
        for (S3Object o : all) {
            Matcher m = MULTIPART_BOOKKEEPING.matcher(o.key());
            if (m.lookingAt()) {
                uploadIds.add(m.group(1));
            }
        }
        return all.stream()
                .filter(o -> !MULTIPART_BOOKKEEPING.matcher(o.key()).lookingAt() && !uploadIds.contains(o.key()))
                .filter(o -> !(o.size() == 0 && UPLOAD_ID.matcher(o.key()).matches()))
                .toList();
    }

    /** Whether a multipart upload of the bucket is open (begun, not completed): an object written but not committed. */
    static boolean uploadInProgress(S3Client s3, String bucket) {
        return s3.listObjectsV2(b -> b.bucket(bucket).prefix(".mpus-")).keyCount() > 0;
    }

    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern MULTIPART_BOOKKEEPING = Pattern.compile("\\.mpus-([0-9a-f-]{36})-");

    @Override
    public void close() throws Exception {
        proxy.stop();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
