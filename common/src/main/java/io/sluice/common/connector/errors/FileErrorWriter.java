package io.sluice.common.connector.errors;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Writes each batch of errors as one new file in a directory of any Flink file system, one JSON object per line,
 * named {@code <pump>-<writer uuid>-<n>.json}: written under a hidden in-progress name ({@code .<name>.inprogress})
 * and renamed when complete, so a reader of the directory sees whole files only. A rename that fails leaves the
 * in-progress file and writes the batch again under the next name.
 */
final class FileErrorWriter implements ErrorWriter {

    private final Path directory;
    private final String prefix;
    private long next;

    FileErrorWriter(Path directory, String pumpName) {
        this.directory = directory;
        this.prefix = pumpName + "-" + UUID.randomUUID() + "-";
    }

    @Override
    public void write(List<ParseError> batch) throws IOException {
        String name = prefix + next++ + ".json";
        Path inProgress = new Path(directory, "." + name + ".inprogress");
        FileSystem fs = directory.getFileSystem();
        try (OutputStream out = fs.create(inProgress, FileSystem.WriteMode.OVERWRITE)) {
            for (ParseError error : batch) {
                out.write(error.toJson());
                out.write('\n');
            }
        }
        if (!fs.rename(inProgress, new Path(directory, name))) {
            throw new IOException("Could not rename " + inProgress + " to " + name);
        }
    }

    @Override
    public void close() {}
}
