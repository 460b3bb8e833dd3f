package io.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.delivery.convert.GlueSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Firehose records of the benchmark: one line of JSON each, shaped like clickstream events (ids, timestamps,
 * enumerated fields, numbers, free text from a small vocabulary), exactly {@code recordBytes} long with the
 * newline, so that GZIP has the work and the ratio it has on real logs rather than on random bytes or on one
 * repeated record. Every record starts with a fixed-width {@code {"call":NNNNNNNNNNNN,"seq":NNN,}: the number of
 * the PutRecordBatch call that carried it and its index there, padded with spaces (JSON numbers may not have
 * leading zeros, and format conversion parses the records), which {@link #callOf} reads back from a delivered
 * object. From {@link #WHOLE_BYTES} on every record is a whole JSON object of the Glue table {@link #COLUMNS}.
 *
 * <p>Building 30k records/s must not cost the generator a core: a pool of distinct records is made up front
 * (64 MiB at most, at least 1,024 records; far more than GZIP's 32 KiB window holds, so repeats do not help it),
 * and a record is a copy of a random one with the header written in.
 */
final class JsonRecords {

    static final int MIN_BYTES = 96;
    /** Records this long or longer hold every field whole (the fields before {@code note} take at most ~400 bytes). */
    static final int WHOLE_BYTES = 512;
    /** The Glue table of the records, for format conversion: a column per field, in the records' order. */
    static final List<GlueSchema.Column> COLUMNS = List.of(new GlueSchema.Column("call", "bigint"), new GlueSchema.Column("seq", "int"),
            new GlueSchema.Column("ts", "timestamp"), new GlueSchema.Column("event", "string"), new GlueSchema.Column("user", "string"),
            new GlueSchema.Column("session", "string"), new GlueSchema.Column("page", "string"), new GlueSchema.Column("referrer", "string"),
            new GlueSchema.Column("country", "string"), new GlueSchema.Column("ua", "string"), new GlueSchema.Column("price", "decimal(6,2)"),
            new GlueSchema.Column("qty", "int"), new GlueSchema.Column("note", "string"));
    private static final String HEADER = "{\"call\":%12d,\"seq\":%3d,";
    private static final int CALL_AT = 8;
    private static final int CALL_DIGITS = 12;
    private static final int SEQ_AT = CALL_AT + CALL_DIGITS + 7;
    static final int HEADER_BYTES = String.format(Locale.ROOT, HEADER, 0, 0).length();

    private static final String[] EVENTS = {"page_view", "click", "add_to_cart", "remove_from_cart", "checkout", "search", "login", "logout"};
    private static final String[] COUNTRIES = {"US", "DE", "FR", "GB", "JP", "BR", "IN", "CA", "ES", "IT", "NL", "SE"};
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"};
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "po", "de", "fa", "gu", "hi",
        "jo", "ma", "no", "pe", "qui", "ro", "su", "te", "va", "we", "xi", "yo", "zu", "bra", "cle", "dro", "ste", "tra"};

    private final int recordBytes;
    private final byte[][] pool;

    JsonRecords(long seed, int recordBytes) {
        if (recordBytes < MIN_BYTES) {
            throw new IllegalArgumentException("records must be at least " + MIN_BYTES + " bytes");
        }
        this.recordBytes = recordBytes;
        SplittableRandom random = new SplittableRandom(seed);
        String[] vocabulary = vocabulary(random, 600);
        String[] pages = new String[200];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = "/" + vocabulary[random.nextInt(vocabulary.length)] + "/" + vocabulary[random.nextInt(vocabulary.length)]
                    + (random.nextBoolean() ? "/" + random.nextInt(10_000) : "");
        }
        pool = new byte[Math.max(1024, Math.min(16_384, (64 << 20) / recordBytes))][];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = event(random, vocabulary, pages);
        }
    }

    /** Record {@code seq} of call {@code call}: a copy of a random pooled record with this header. */
    byte[] next(SplittableRandom random, long call, int seq) {
        byte[] record = pool[random.nextInt(pool.length)].clone();
        writeDigits(record, CALL_AT, CALL_DIGITS, call);
        writeDigits(record, SEQ_AT, 3, seq);
        return record;
    }

    /** The call number in the header of the record that starts at {@code at} in {@code data}; -1 if there is none. */
    static long callOf(byte[] data, int at) {
        if (at + CALL_AT + CALL_DIGITS > data.length || data[at] != '{' || data[at + 2] != 'c') {
            return -1;
        }
        long call = 0;
        int i = at + CALL_AT;
        while (i < at + CALL_AT + CALL_DIGITS - 1 && data[i] == ' ') {
            i++;
        }
        for (; i < at + CALL_AT + CALL_DIGITS; i++) {
            int digit = data[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            call = call * 10 + digit;
        }
        return call;
    }

    /** Writes the Glue table {@link #COLUMNS} as {@code <schemaDir>/DATABASE/TABLE.json}, where Sluice reads it. */
    static void writeGlueTable(Path schemaDir, String database, String table) throws IOException {
        Path file = schemaDir.resolve(database).resolve(table + ".json");
        Files.createDirectories(file.getParent());
        List<Map<String, String>> columns = COLUMNS.stream().map(c -> Map.of("Name", c.name(), "Type", c.type())).toList();
        Files.write(file, new ObjectMapper().writeValueAsBytes(Map.of("Columns", columns)));
    }

    private byte[] event(SplittableRandom r, String[] vocabulary, String[] pages) {
        long epochMillis = 1_796_000_000_000L + r.nextLong(86_400_000L);
        StringBuilder b = new StringBuilder(recordBytes);
        b.append(String.format(Locale.ROOT, HEADER, 0, 0));
        b.append(String.format(Locale.ROOT, "\"ts\":\"%s\",\"event\":\"%s\",\"user\":\"u-%07d\",\"session\":\"%016x\","
                        + "\"page\":\"%s\",\"referrer\":\"%s\",\"country\":\"%s\",\"ua\":\"%s\",\"price\":%d.%02d,\"qty\":%d,\"note\":\"",
                java.time.Instant.ofEpochMilli(epochMillis), EVENTS[r.nextInt(EVENTS.length)], r.nextInt(2_000_000), r.nextLong(),
                pages[r.nextInt(pages.length)], pages[r.nextInt(pages.length)], COUNTRIES[r.nextInt(COUNTRIES.length)],
                AGENTS[r.nextInt(AGENTS.length)], r.nextInt(500), r.nextInt(100), 1 + r.nextInt(9)));
        int end = recordBytes - 3; // the closing "} and the newline
        while (b.length() < end) {
            String word = vocabulary[r.nextInt(vocabulary.length)];
            b.append(b.charAt(b.length() - 1) == '"' ? "" : " ").append(word);
        }
        b.setLength(end); // a record too small for every field is cut short: JSON-like, the length is what counts
        if (b.charAt(b.length() - 1) == ' ') {
            b.setCharAt(b.length() - 1, 'x');
        }
        b.append("\"}\n");
        byte[] bytes = b.toString().getBytes(StandardCharsets.US_ASCII);
        if (bytes.length != recordBytes) {
            throw new IllegalStateException("record of " + bytes.length + " bytes, expected " + recordBytes);
        }
        return bytes;
    }

    private static String[] vocabulary(SplittableRandom r, int size) {
        String[] words = new String[size];
        for (int i = 0; i < size; i++) {
            StringBuilder w = new StringBuilder();
            for (int s = 1 + r.nextInt(4); s > 0; s--) {
                w.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
            }
            words[i] = w.toString();
        }
        return words;
    }

    /** {@code value} right-aligned in {@code digits} places, spaces before it. */
    private static void writeDigits(byte[] into, int at, int digits, long value) {
        for (int i = at + digits - 1; i >= at; i--) {
            into[i] = i < at + digits - 1 && value == 0 ? (byte) ' ' : (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
