package io.sluice.common.connector.source;

import java.io.Serializable;
import java.util.List;

/**
 * Which streams a {@link KinesisSource} reads, asked again at every discovery interval, so that the set may change
 * while the job runs: a subscription that appears is read from its start position, one that disappears has its
 * splits ended. The enumerator calls it from its worker thread; a call that fails leaves the set as it was.
 */
public interface StreamCatalog extends AutoCloseable {

    /** The subscriptions to read now. */
    List<StreamSubscription> subscriptions() throws Exception;

    @Override
    default void close() {}

    /** Makes the catalog where the enumerator runs (it is shipped there, so it is serializable). */
    @FunctionalInterface
    interface Factory extends Serializable {
        StreamCatalog open();
    }

    /** A catalog of one stream that never changes: the classic single-stream source (subscription id empty). */
    static Factory fixed(String streamName, StartingPosition start) {
        StreamSubscription only = new StreamSubscription("", streamName, start);
        return () -> () -> List.of(only);
    }
}
