package io.sluice.common.connector.errors;

import io.sluice.common.connector.KinesisClientConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.Path;

/**
 * Where a table's {@link ParseError}s go, as its {@code 'error-output'} option names it: {@code stream:NAME} (a Kinesis
 * stream, through the table's own endpoint, region and credentials) or {@code files:PATH} (a directory of any Flink
 * file system: {@code file:///...}, {@code s3a://bucket/prefix}). Serializable: it travels with the source to the task
 * managers, where {@link #open} builds the {@link ErrorOutput}.
 */
public final class ErrorOutputSpec implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    private final boolean stream;
    private final String target;
    private final String pumpName;
    private final Duration flushInterval;
    private final KinesisClientConfig client;

    private ErrorOutputSpec(boolean stream, String target, String pumpName, Duration flushInterval, KinesisClientConfig client) {
        this.stream = stream;
        this.target = target;
        this.pumpName = pumpName;
        this.flushInterval = flushInterval;
        this.client = client;
    }

    /**
     * Reads {@code stream:NAME} or {@code files:PATH}.
     *
     * @throws IllegalArgumentException with a message for the user when {@code value} is neither
     */
    public static ErrorOutputSpec parse(String value, String pumpName, Duration flushInterval, KinesisClientConfig client) {
        if (value.startsWith("stream:")) {
            String name = value.substring("stream:".length());
            if (!STREAM_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("stream:NAME needs a stream name of 1 to 128 of [a-zA-Z0-9_.-], not '" + name + "'");
            }
            return new ErrorOutputSpec(true, name, pumpName, flushInterval, client);
        }
        if (value.startsWith("files:")) {
            String path = value.substring("files:".length());
            if (path.isEmpty()) {
                throw new IllegalArgumentException("files:PATH needs a directory, e.g. files:file:///var/sluice/errors");
            }
            new Path(path); // fails on a malformed URI
            return new ErrorOutputSpec(false, path, pumpName, flushInterval, client);
        }
        throw new IllegalArgumentException("must be stream:NAME or files:PATH, not '" + value + "'");
    }

    /** {@code PUMP_NAME} of the errors. */
    public String pumpName() {
        return pumpName;
    }

    /** Opens the writer on the task manager; it flushes on its own every flush interval. */
    public ErrorOutput open() {
        ErrorWriter writer = stream ? new StreamErrorWriter(client.createClient(), target) : new FileErrorWriter(new Path(target), pumpName);
        return new ErrorOutput(writer, flushInterval);
    }

    @Override
    public String toString() {
        return (stream ? "stream:" : "files:") + target;
    }
}
