package io.sluice.delivery.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import io.sluice.delivery.s3.CompressionFormat;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An HTTP endpoint destination ({@code HttpEndpointDestinationConfiguration}): where records are POSTed
 * ({@code url}, with {@code accessKey} and {@code commonAttributes} as headers, the body GZIP-compressed or
 * not), how long a failing request is retried ({@code retryDurationSeconds}), its buffering hints and
 * processors, and {@code s3}, its {@code S3Configuration}: the bucket that takes what could not be delivered
 * ({@code FailedDataOnly}) or every source record too ({@code AllData}), and records that failed processing.
 *
 * <p>AWS takes only {@code https://} URLs. Sluice also takes {@code http://} when the host is a loopback
 * address ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}): an endpoint beside Sluice gains nothing from
 * TLS, and tests need no certificates. Any other {@code http://} URL is refused with AWS's message.
 */
public record HttpEndpointDestination(
        String url,
        String name,
        String accessKey,
        String roleArn,
        BufferingHints bufferingHints,
        ContentEncoding contentEncoding,
        List<CommonAttribute> commonAttributes,
        int retryDurationSeconds,
        BackupMode backupMode,
        Processing processing,
        S3Destination s3) {

    /** AWS's default {@code RetryOptions.DurationInSeconds} of an HTTP endpoint destination. */
    public static final int DEFAULT_RETRY_SECONDS = 300;

    private static final Pattern HTTPS = Pattern.compile("https://.*");
    private static final Pattern NOT_BLANK = Pattern.compile("^(?!\\s*$).+");

    /** {@code RequestConfiguration.ContentEncoding}: whether request bodies are GZIP-compressed. */
    public enum ContentEncoding { NONE, GZIP }

    /** {@code S3BackupMode} of an HTTP endpoint destination. */
    public enum BackupMode { FailedDataOnly, AllData }

    /** One of {@code RequestConfiguration.CommonAttributes}. */
    public record CommonAttribute(String name, String value) {}

    public HttpEndpointDestination {
        commonAttributes = List.copyOf(commonAttributes);
    }

    /**
     * The S3 destination that the buffer and the S3 side of delivery go by: the backup bucket, its prefixes and
     * compression (from {@code S3Configuration}), with this destination's buffering hints and processors.
     */
    public S3Destination bufferDestination() {
        return new S3Destination(false, s3.roleArn(), s3.bucketArn(), s3.prefix(), s3.errorOutputPrefix(), bufferingHints,
                s3.compressionFormat(), null, null, processing);
    }

    /** Reads {@code HttpEndpointDestinationConfiguration} of CreateDeliveryStream. */
    static HttpEndpointDestination read(RequestReader r, Violations v) {
        String path = "httpEndpointDestinationConfiguration";
        if (r.struct("EndpointConfiguration") == null) {
            v.required(path + ".endpointConfiguration");
        }
        RequestReader s3 = r.struct("S3Configuration");
        if (s3 == null) {
            v.required(path + ".s3Configuration");
        }
        S3Destination empty = new S3Destination(false, null, null, null, null, BufferingHints.S3_DEFAULT,
                CompressionFormat.UNCOMPRESSED, null, null);
        HttpEndpointDestination base = new HttpEndpointDestination(null, null, null, null, BufferingHints.HTTP_DEFAULT,
                ContentEncoding.NONE, List.of(), DEFAULT_RETRY_SECONDS, BackupMode.FailedDataOnly, Processing.NONE, empty);
        S3Destination bucket = s3 == null ? null : S3Destination.read(s3, false, path + ".s3Configuration", v);
        return base.merge(r, path, bucket, v);
    }

    /** This destination with the members of an {@code HttpEndpointDestinationUpdate} applied. */
    HttpEndpointDestination update(RequestReader r, Violations v) {
        String path = "httpEndpointDestinationUpdate";
        RequestReader s3Update = r.struct("S3Update");
        S3Destination bucket = s3Update == null ? s3 : s3.merge(s3Update, path + ".s3Update", v);
        return merge(r, path, bucket, v);
    }

    private HttpEndpointDestination merge(RequestReader r, String path, S3Destination bucket, Violations v) {
        RequestReader endpoint = r.struct("EndpointConfiguration");
        String urlNew = url;
        String nameNew = name;
        String accessKeyNew = accessKey;
        if (endpoint != null) {
            urlNew = endpoint.string("Url");
            if (urlNew == null) {
                v.required(path + ".endpointConfiguration.url");
            }
            checkUrl(v, urlNew, path + ".endpointConfiguration.url");
            nameNew = endpoint.string("Name");
            MemberChecks.length(v, nameNew, path + ".endpointConfiguration.name", 1, 256);
            MemberChecks.pattern(v, nameNew, path + ".endpointConfiguration.name", NOT_BLANK);
            accessKeyNew = endpoint.string("AccessKey");
            sensitiveLength(v, accessKeyNew, path + ".endpointConfiguration.accessKey", 0, 4096);
        }
        String role = r.has("RoleARN") ? r.string("RoleARN") : roleArn;
        MemberChecks.length(v, role, path + ".roleARN", 1, 512);
        MemberChecks.pattern(v, role, path + ".roleARN", FirehoseChecks.ROLE_ARN);
        BufferingHints.checkRanges(r, path, v, BufferingHints.HTTP_MAX_SIZE_IN_MBS);
        RequestReader request = r.struct("RequestConfiguration");
        ContentEncoding encoding = contentEncoding;
        List<CommonAttribute> attributes = commonAttributes;
        if (request != null) {
            if (request.has("ContentEncoding")) {
                encoding = MemberChecks.enumValue(v, request.string("ContentEncoding"), path + ".requestConfiguration.contentEncoding",
                        ContentEncoding.class);
            }
            if (request.has("CommonAttributes")) {
                attributes = commonAttributes(request, path + ".requestConfiguration.commonAttributes", v);
            }
        }
        Integer retry = retryDurationSeconds;
        RequestReader retryOptions = r.struct("RetryOptions");
        if (retryOptions != null && retryOptions.has("DurationInSeconds")) {
            retry = retryOptions.integer("DurationInSeconds");
            MemberChecks.range(v, retry, path + ".retryOptions.durationInSeconds", 0, 7200);
        }
        BackupMode mode = r.has("S3BackupMode")
                ? MemberChecks.enumValue(v, r.string("S3BackupMode"), path + ".s3BackupMode", BackupMode.class)
                : backupMode;
        Processing processingNew = Processing.read(r, path, processing, v);
        v.throwIfAny();
        BufferingHints hints = BufferingHints.read(r, bufferingHints);
        RequestReader secrets = r.struct("SecretsManagerConfiguration");
        if (secrets != null && Boolean.TRUE.equals(secrets.bool("Enabled"))) {
            throw new InvalidArgumentException(
                    "Sluice does not serve SecretsManagerConfiguration yet; give the EndpointConfiguration an AccessKey.");
        }
        return new HttpEndpointDestination(urlNew, nameNew, accessKeyNew, role, hints, encoding, attributes,
                retry == null ? retryDurationSeconds : retry, mode == null ? backupMode : mode, processingNew, bucket);
    }

    private static List<CommonAttribute> commonAttributes(RequestReader request, String path, Violations v) {
        List<RequestReader> items = request.structList("CommonAttributes");
        List<CommonAttribute> attributes = new ArrayList<>();
        if (items == null) {
            return attributes;
        }
        if (items.size() > 50) {
            v.addSensitive(path, "Member must have length less than or equal to 50");
        }
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "." + (i + 1) + ".member";
            String name = items.get(i).string("AttributeName");
            String value = items.get(i).string("AttributeValue");
            if (name == null) {
                v.required(itemPath + ".attributeName");
            }
            if (value == null) {
                v.required(itemPath + ".attributeValue");
            }
            sensitiveLength(v, name, itemPath + ".attributeName", 1, 256);
            if (name != null && !NOT_BLANK.matcher(name).matches()) {
                v.addSensitive(itemPath + ".attributeName", "Member must satisfy regular expression pattern: " + NOT_BLANK.pattern());
            }
            sensitiveLength(v, value, itemPath + ".attributeValue", 0, 1024);
            attributes.add(new CommonAttribute(name, value));
        }
        return attributes;
    }

    /**
     * {@code Url}: 1–1000 characters of {@code https://.*} (a sensitive member: AWS does not repeat its value), or
     * {@code http://} to a loopback host.
     */
    private static void checkUrl(Violations v, String url, String path) {
        sensitiveLength(v, url, path, 1, 1000);
        if (url != null && !HTTPS.matcher(url).matches() && !isLoopbackHttp(url)) {
            v.addSensitive(path, "Member must satisfy regular expression pattern: " + HTTPS.pattern());
        }
    }

    /** Whether {@code url} is {@code http://} to {@code localhost} or a loopback address (no name is looked up). */
    static boolean isLoopbackHttp(String url) {
        try {
            URI uri = new URI(url);
            String host = uri.getHost();
            if (!"http".equals(uri.getScheme()) || host == null) {
                return false;
            }
            if (host.equals("localhost")) {
                return true;
            }
            boolean literal = host.matches("[0-9.]+") || host.startsWith("[");
            return literal && InetAddress.getByName(host).isLoopbackAddress();
        } catch (URISyntaxException | UnknownHostException e) {
            return false;
        }
    }

    private static void sensitiveLength(Violations v, String value, String path, int min, int max) {
        if (value == null) {
            return;
        }
        int n = value.codePointCount(0, value.length());
        if (n < min) {
            v.addSensitive(path, "Member must have length greater than or equal to " + min);
        } else if (n > max) {
            v.addSensitive(path, "Member must have length less than or equal to " + max);
        }
    }
}
