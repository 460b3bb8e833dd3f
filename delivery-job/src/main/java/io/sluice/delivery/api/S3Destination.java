package io.sluice.delivery.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import io.sluice.delivery.s3.CompressionFormat;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * An S3 destination as Sluice delivers to it: the bucket, key prefixes, buffering hints, compression
 * and naming options of {@code ExtendedS3DestinationConfiguration} (or the older
 * {@code S3DestinationConfiguration}, {@code extended = false}). What Sluice does not serve yet
 * (format conversion, S3 backup) is refused when asked for, never accepted and ignored.
 * {@code processing} is the {@code ProcessingConfiguration}, {@code dynamicPartitioning} the
 * {@code DynamicPartitioningConfiguration} (never null; state written before it existed reads as disabled).
 */
public record S3Destination(
        boolean extended,
        String roleArn,
        String bucketArn,
        String prefix,
        String errorOutputPrefix,
        BufferingHints bufferingHints,
        CompressionFormat compressionFormat,
        String fileExtension,
        String customTimeZone,
        Processing processing,
        DynamicPartitioning dynamicPartitioning) {

    public S3Destination {
        dynamicPartitioning = dynamicPartitioning == null ? DynamicPartitioning.DISABLED : dynamicPartitioning;
    }

    private static final Pattern FILE_EXTENSION = Pattern.compile("^$|\\.[0-9a-z!\\-_.*'()]+");

    /** A destination without processors. */
    public S3Destination(boolean extended, String roleArn, String bucketArn, String prefix, String errorOutputPrefix,
            BufferingHints bufferingHints, CompressionFormat compressionFormat, String fileExtension, String customTimeZone) {
        this(extended, roleArn, bucketArn, prefix, errorOutputPrefix, bufferingHints, compressionFormat, fileExtension,
                customTimeZone, Processing.NONE, DynamicPartitioning.DISABLED);
    }

    /** A destination without dynamic partitioning. */
    public S3Destination(boolean extended, String roleArn, String bucketArn, String prefix, String errorOutputPrefix,
            BufferingHints bufferingHints, CompressionFormat compressionFormat, String fileExtension, String customTimeZone,
            Processing processing) {
        this(extended, roleArn, bucketArn, prefix, errorOutputPrefix, bufferingHints, compressionFormat, fileExtension,
                customTimeZone, processing, DynamicPartitioning.DISABLED);
    }

    /** The bucket's name: what follows {@code arn:aws:s3:::}. */
    public String bucket() {
        return bucketArn.substring(bucketArn.lastIndexOf(':') + 1);
    }

    /** The time zone of the key prefixes' timestamps ({@code CustomTimeZone}, UTC by default). */
    public ZoneId zone() {
        return customTimeZone == null || customTimeZone.isEmpty() ? ZoneId.of("UTC") : ZoneId.of(customTimeZone);
    }

    /** The extension of the objects: {@code FileExtension} if given, else the compression's. */
    public String extension() {
        return fileExtension != null ? fileExtension : compressionFormat.extension();
    }

    /** Reads a destination configuration of CreateDeliveryStream ({@code member} is the wire name). */
    static S3Destination read(RequestReader r, String member, Violations v) {
        boolean extended = member.equals("ExtendedS3DestinationConfiguration");
        String path = extended ? "extendedS3DestinationConfiguration" : "s3DestinationConfiguration";
        String roleArn = r.string("RoleARN");
        if (roleArn == null) {
            v.required(path + ".roleARN");
        }
        String bucketArn = r.string("BucketARN");
        if (bucketArn == null) {
            v.required(path + ".bucketARN");
        }
        S3Destination base = new S3Destination(extended, roleArn, bucketArn, null, null, BufferingHints.S3_DEFAULT,
                CompressionFormat.UNCOMPRESSED, null, null, Processing.NONE, DynamicPartitioning.DISABLED);
        return base.merge(r, path, true, v);
    }

    /** This destination with the members of an UpdateDestination (see {@link #merge(RequestReader, String, boolean, Violations)}). */
    S3Destination merge(RequestReader r, String path, Violations v) {
        return merge(r, path, false, v);
    }

    /**
     * This destination with the members an update (or a creation) gives; absent members keep their
     * value. Validates every member and the combination, as AWS does.
     */
    private S3Destination merge(RequestReader r, String path, boolean creating, Violations v) {
        String role = valueOr(r.string("RoleARN"), roleArn);
        String bucketArnNew = valueOr(r.string("BucketARN"), bucketArn);
        MemberChecks.length(v, role, path + ".roleARN", 1, 512);
        MemberChecks.pattern(v, role, path + ".roleARN", FirehoseChecks.ROLE_ARN);
        MemberChecks.length(v, bucketArnNew, path + ".bucketARN", 1, 2048);
        MemberChecks.pattern(v, bucketArnNew, path + ".bucketARN", FirehoseChecks.BUCKET_ARN);
        String prefixNew = r.has("Prefix") ? r.string("Prefix") : prefix;
        String errorPrefixNew = r.has("ErrorOutputPrefix") ? r.string("ErrorOutputPrefix") : errorOutputPrefix;
        MemberChecks.length(v, prefixNew, path + ".prefix", 0, 1024);
        MemberChecks.length(v, errorPrefixNew, path + ".errorOutputPrefix", 0, 1024);
        BufferingHints.checkRanges(r, path, v);
        CompressionFormat compression = r.has("CompressionFormat")
                ? MemberChecks.enumValue(v, r.string("CompressionFormat"), path + ".compressionFormat", CompressionFormat.class)
                : compressionFormat;
        String extensionNew = r.has("FileExtension") ? r.string("FileExtension") : fileExtension;
        MemberChecks.length(v, extensionNew, path + ".fileExtension", 0, 128);
        MemberChecks.pattern(v, extensionNew, path + ".fileExtension", FILE_EXTENSION);
        String zoneNew = r.has("CustomTimeZone") ? r.string("CustomTimeZone") : customTimeZone;
        MemberChecks.length(v, zoneNew, path + ".customTimeZone", 0, 50);
        Processing processingNew = Processing.read(r, path, processing, v);
        DynamicPartitioning partitioningNew = extended ? DynamicPartitioning.read(r, path, dynamicPartitioning, v) : dynamicPartitioning;
        v.throwIfAny();
        if (!creating) {
            partitioningNew.checkUpdateFrom(dynamicPartitioning);
        }
        BufferingHints hints = BufferingHints.read(r, bufferingHints);
        refuseUnserved(r);
        if (zoneNew != null && !zoneNew.isEmpty()) {
            try {
                ZoneId.of(zoneNew);
            } catch (DateTimeException e) {
                throw new InvalidArgumentException("CustomTimeZone '" + zoneNew + "' is not a valid time zone.");
            }
        }
        PartitioningRules.check(partitioningNew, processingNew, hints, prefixNew, errorPrefixNew);
        return new S3Destination(extended, role, bucketArnNew, emptyToNull(prefixNew), emptyToNull(errorPrefixNew), hints,
                compression == null ? compressionFormat : compression, emptyToNull(extensionNew), emptyToNull(zoneNew),
                processingNew, partitioningNew);
    }

    /** Options that change what is delivered and that Sluice does not serve yet: refused, not ignored. */
    private static void refuseUnserved(RequestReader r) {
        refuseIfEnabled(r, "DataFormatConversionConfiguration", "format conversion (DataFormatConversionConfiguration)");
        String backup = r.string("S3BackupMode");
        if (backup != null && !backup.equals("Disabled")) {
            throw new InvalidArgumentException("Sluice does not serve S3BackupMode " + backup + " yet; use Disabled.");
        }
    }

    private static void refuseIfEnabled(RequestReader r, String member, String what) {
        RequestReader config = r.struct(member);
        if (config != null && !Boolean.FALSE.equals(config.bool("Enabled"))) {
            throw new InvalidArgumentException("Sluice does not serve " + what + " yet; leave it out or set Enabled to false.");
        }
    }

    private static String valueOr(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
