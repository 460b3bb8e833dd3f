package io.sluice.common.http;

/** When the {@link ResponseSinkOperator} sends answers. */
public enum AckMode {
    /**
     * Answer only after the checkpoint that contains the call's effects completed: an acknowledged
     * record survives any failure. Reads are held the same way, so no reader sees a record that a
     * failure could take back.
     */
    DURABLE,
    /** Answer as soon as the answer is ready; a crash may lose the last checkpoint interval. */
    ON_APPEND
}
