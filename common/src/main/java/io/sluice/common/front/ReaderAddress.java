package io.sluice.common.front;

import java.util.Locale;
import java.util.Optional;

/**
 * Where one incarnation of an HTTP source reader listens, as it publishes it in a {@link ReaderDirectory}: the
 * service ({@code streams}, {@code firehose}), the reader's subtask index, its incarnation (the random id of its
 * {@code Endpoint}, new at every start, so a restarted reader never reuses a dead one's entry), and
 * {@code host:port}. Its file name is {@code <service>-<subtask>-<incarnation as 16 hex digits>}.
 */
public record ReaderAddress(String service, int subtask, long incarnation, String host, int port) {

    public ReaderAddress {
        if (service.isEmpty() || service.indexOf('-') >= 0) {
            throw new IllegalArgumentException("A service name is non-empty and has no '-': " + service);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Port out of range: " + port);
        }
    }

    /** The entry's file name in the directory. */
    public String fileName() {
        return fileNamePrefix(service, subtask) + String.format(Locale.ROOT, "%016x", incarnation);
    }

    /** What every entry of reader {@code subtask} of {@code service} starts with, whatever its incarnation. */
    static String fileNamePrefix(String service, int subtask) {
        return service + "-" + subtask + "-";
    }

    /** The file's content: {@code host:port}. */
    public String hostAndPort() {
        return host + ":" + port;
    }

    /**
     * The address that a file of this name and content describes; empty for files of other services, temporary
     * files and anything malformed (a half-written or foreign file is skipped, never fatal).
     */
    static Optional<ReaderAddress> parse(String service, String fileName, String content) {
        String prefix = service + "-";
        if (!fileName.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] parts = fileName.substring(prefix.length()).split("-", -1);
        String text = content.trim();
        int colon = text.lastIndexOf(':');
        if (parts.length != 2 || colon <= 0 || parts[1].length() != 16) {
            return Optional.empty();
        }
        try {
            int subtask = Integer.parseInt(parts[0]);
            long incarnation = Long.parseUnsignedLong(parts[1], 16);
            int port = Integer.parseInt(text.substring(colon + 1));
            return subtask < 0 || port < 1 || port > 65535
                    ? Optional.empty()
                    : Optional.of(new ReaderAddress(service, subtask, incarnation, text.substring(0, colon), port));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return service + "-" + subtask + "@" + hostAndPort();
    }
}
