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
 * {@code S3DestinationConfiguration}, {@code extended = false}).
 * {@code processing} is the {@code ProcessingConfiguration}, {@code conversion} the
 * {@code DataFormatConversionConfiguration} (null when not given); {@code backup} is the
 * {@code S3BackupConfiguration} when {@code S3BackupMode} is {@code Enabled} (the source records, before
 * any processor, also go there), else {@code null}; {@code dynamicPartitioning} the
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
        DataFormatConversion conversion,
        S3Destination backup,
        DynamicPartitioning dynamicPartitioning) {

    public S3Destination {
        dynamicPartitioning = dynamicPartitioning == null ? DynamicPartitioning.DISABLED : dynamicPartitioning;
    }

    private static final Pattern FILE_EXTENSION = Pattern.compile("^$|\\.[0-9a-z!\\-_.*'()]+");

    /** A destination without format conversion or source-record backup. */
    public S3Destination(boolean extended, String roleArn, String bucketArn, String prefix, String errorOutputPrefix,
            BufferingHints bufferingHints, CompressionFormat compressionFormat, String fileExtension, String customTimeZone,
            Processing processing) {
        this(extended, roleArn, bucketArn, prefix, errorOutputPrefix, bufferingHints, compressionFormat, fileExtension,
                customTimeZone, processing, null, null, DynamicPartitioning.DISABLED);
    }

    /** A destination without processors. */
    public S3Destination(boolean extended, String roleArn, String bucketArn, String prefix, String errorOutputPrefix,
            BufferingHints bufferingHints, CompressionFormat compressionFormat, String fileExtension, String customTimeZone) {
        this(extended, roleArn, bucketArn, prefix, errorOutputPrefix, bufferingHints, compressionFormat, fileExtension,
                customTimeZone, Processing.NONE, null, null, DynamicPartitioning.DISABLED);
    }

    /** The bucket's name: what follows {@code arn:aws:s3:::}. */
    public String bucket() {
        return bucketArn.substring(bucketArn.lastIndexOf(':') + 1);
    }

    /** The time zone of the key prefixes' timestamps ({@code CustomTimeZone}, UTC by default). */
    public ZoneId zone() {
        return customTimeZone == null || customTimeZone.isEmpty() ? ZoneId.of("UTC") : ZoneId.of(customTimeZone);
    }

    /**
     * The extension of the objects: {@code FileExtension} if given, else {@code .parquet} or {@code .orc} when records are
     * converted, else the compression's.
     */
    public String extension() {
        if (fileExtension != null) {
            return fileExtension;
        }
        return converting() ? conversion.extension() : compressionFormat.extension();
    }

    /** Whether records are converted to Parquet or ORC. */
    public boolean converting() {
        return conversion != null && conversion.active();
    }

    /** This destination with {@code newConversion} (the registry adds the Glue table's columns). */
    public S3Destination withConversion(DataFormatConversion newConversion) {
        return new S3Destination(extended, roleArn, bucketArn, prefix, errorOutputPrefix, bufferingHints, compressionFormat,
                fileExtension, customTimeZone, processing, newConversion, backup, dynamicPartitioning);
    }

    /** Reads a destination configuration of CreateDeliveryStream ({@code member} is the wire name). */
    static S3Destination read(RequestReader r, String member, Violations v) {
        boolean extended = member.equals("ExtendedS3DestinationConfiguration");
        return read(r, extended, extended ? "extendedS3DestinationConfiguration" : "s3DestinationConfiguration", v);
    }

    /** Reads an S3 destination configuration found at {@code path} (nested ones too: a backup, an HTTP endpoint's bucket). */
    static S3Destination read(RequestReader r, boolean extended, String path, Violations v) {
        String roleArn = r.string("RoleARN");
        if (roleArn == null) {
            v.required(path + ".roleARN");
        }
        String bucketArn = r.string("BucketARN");
        if (bucketArn == null) {
            v.required(path + ".bucketARN");
        }
        S3Destination base = new S3Destination(extended, roleArn, bucketArn, null, null, null,
                CompressionFormat.UNCOMPRESSED, null, null, Processing.NONE, null, null, DynamicPartitioning.DISABLED);
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
        DataFormatConversion conversionNew = DataFormatConversion.read(r, path, conversion, v);
        DynamicPartitioning partitioningNew = extended ? DynamicPartitioning.read(r, path, dynamicPartitioning, v) : dynamicPartitioning;
        v.throwIfAny();
        if (!creating) {
            partitioningNew.checkUpdateFrom(dynamicPartitioning);
        }
        boolean converts = conversionNew != null && conversionNew.active();
        // A new destination (no hints yet) gets AWS's default for what it delivers: 128 MiB when converting.
        BufferingHints defaults = bufferingHints != null ? bufferingHints
                : converts ? DataFormatConversion.DEFAULT_HINTS : BufferingHints.S3_DEFAULT;
        BufferingHints hints = BufferingHints.read(r, defaults);
        CompressionFormat compressionNew = compression == null ? compressionFormat : compression;
        if (converts) {
            checkConversion(hints, compressionNew);
        }
        if (zoneNew != null && !zoneNew.isEmpty()) {
            try {
                ZoneId.of(zoneNew);
            } catch (DateTimeException e) {
                throw new InvalidArgumentException("CustomTimeZone '" + zoneNew + "' is not a valid time zone.");
            }
        }
        PartitioningRules.check(partitioningNew, processingNew, hints, prefixNew, errorPrefixNew);
        S3Destination backupNew = extended ? mergeBackup(r, path, v) : null;
        return new S3Destination(extended, role, bucketArnNew, emptyToNull(prefixNew), emptyToNull(errorPrefixNew), hints,
                compressionNew, emptyToNull(extensionNew), emptyToNull(zoneNew), processingNew, conversionNew, backupNew,
                partitioningNew);
    }

    /** {@code S3BackupMode} of an extended destination. */
    private enum BackupMode { Disabled, Enabled }

    /**
     * The backup after {@code S3BackupMode} and {@code S3BackupConfiguration} (creation) or {@code S3BackupUpdate}: enabling it
     * needs a backup bucket; once enabled it can't be disabled (AWS: "If backup is enabled, you can't update the Firehose
     * stream to disable it").
     */
    private S3Destination mergeBackup(RequestReader r, String path, Violations v) {
        BackupMode mode = MemberChecks.enumValue(v, r.string("S3BackupMode"), path + ".s3BackupMode", BackupMode.class);
        v.throwIfAny();
        if (backup != null && mode == BackupMode.Disabled) {
            throw new InvalidArgumentException("S3BackupMode can't be changed from Enabled to Disabled.");
        }
        boolean enabled = mode == null ? backup != null : mode == BackupMode.Enabled;
        String member = r.has("S3BackupUpdate") ? "S3BackupUpdate" : "S3BackupConfiguration";
        RequestReader config = r.struct(member);
        if (!enabled || config == null) {
            if (enabled && backup == null) {
                throw new InvalidArgumentException("S3BackupConfiguration must be specified when S3BackupMode is Enabled.");
            }
            return enabled ? backup : null;
        }
        String configPath = path + "." + Character.toLowerCase(member.charAt(0)) + member.substring(1);
        if (backup == null) {
            return read(config, false, configPath, v);
        }
        return backup.merge(config, configPath, v);
    }

    /** AWS's rules for converted objects: the serializer compresses, and buffers are at least 64 MiB. */
    private static void checkConversion(BufferingHints hints, CompressionFormat compression) {
        if (compression != CompressionFormat.UNCOMPRESSED) {
            throw new InvalidArgumentException("The S3 destination's compression format must be set to UNCOMPRESSED when data"
                    + " format conversion is enabled. To enable compression within the converted output format, set the"
                    + " appropriate serialization option in the output format configuration.");
        }
        if (hints.sizeInMBs() < DataFormatConversion.MIN_BUFFER_MB) {
            throw new InvalidArgumentException("BufferingHints.SizeInMBs must be at least " + DataFormatConversion.MIN_BUFFER_MB
                    + " when data format conversion is enabled.");
        }
    }

    private static String valueOr(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
