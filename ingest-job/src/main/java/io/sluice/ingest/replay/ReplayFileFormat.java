package io.sluice.ingest.replay;

/** The formats of {@code files:} targets, and the extension of their part files. */
public enum ReplayFileFormat {
    JSON_LINES(".jsonl"),
    PARQUET(".parquet");

    private final String extension;

    ReplayFileFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    static ReplayFileFormat parse(String name) throws ReplayException {
        switch (name) {
            case "json":
            case "jsonl":
                return JSON_LINES;
            case "parquet":
                return PARQUET;
            default:
                throw new ReplayException("Unknown file format " + name + ": json (JSON lines, the default) or parquet");
        }
    }
}
