package io.sluice.ingest.replay;

import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where replayed records go ({@code --to}). The command {@link #prepare}s the target, {@link #attach}es its sink to the
 * replay job, runs the job, and then either {@link #commit}s (the job finished and replayed at least one record) or
 * {@link #abort}s (it failed, or the range held nothing), so that a failed replay leaves nothing behind where that can be
 * undone (files); records already re-ingested into a stream cannot be called back.
 */
public interface ReplayTarget {

    /** Checks the target before the job runs (an output directory that must not exist yet, say). */
    void prepare() throws ReplayException;

    /** Adds the target's sink to the replay job. */
    void attach(DataStream<ReplayedRecord> records);

    /** The job replayed {@code records} records (at least one): makes what it wrote visible (nothing to do for most). */
    default void commit(long records) throws ReplayException {}

    /** The job failed or replayed nothing: removes what it wrote, where it can (a stream's puts cannot be taken back). */
    default void abort() {}

    /** What the target is, for messages ({@code files:/tmp/out (JSON lines)}). */
    String describe();
}
