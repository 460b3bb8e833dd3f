package io.sluice.common.connector.savepoint;

import java.io.Serializable;

/**
 * What to read out of an ingest-job savepoint: the savepoint (or retained checkpoint) at {@code path}, the stream
 * {@code stream}, an inclusive range whose ends are as {@code bin/replay}'s {@code --start}/{@code --end} (an ISO-8601
 * arrival time, epoch milliseconds or a sequence number; null: open) and whether KPL aggregates are de-aggregated.
 */
public record SavepointScan(String path, String stream, String start, String end, boolean deaggregate) implements Serializable {

    /** The whole retained history of {@code stream} in the savepoint at {@code path}, aggregates as put. */
    public static SavepointScan of(String path, String stream) {
        return new SavepointScan(path, stream, null, null, false);
    }
}
