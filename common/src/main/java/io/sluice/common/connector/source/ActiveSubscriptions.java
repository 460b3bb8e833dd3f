package io.sluice.common.connector.source;

import java.util.Set;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * The enumerator's message to its readers after the catalog answered: the subscriptions that are still read. A
 * reader ends its splits of any other subscription (a deleted delivery stream's, also ones restored from a
 * checkpoint taken before the deletion).
 */
public record ActiveSubscriptions(Set<String> ids) implements SourceEvent {

    public ActiveSubscriptions {
        ids = Set.copyOf(ids);
    }
}
