package io.sluice.common.connector.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

/** The enumerator over a catalog whose subscriptions come and go while it runs. */
class StreamCatalogEnumeratorTest {

    private static final String S0 = "shardId-000000000000";
    private static final String S1 = "shardId-000000000001";
    private static final String S2 = "shardId-000000000002";
    private static final StartingPosition CREATED_A = StartingPosition.atTimestamp(Instant.ofEpochMilli(1_767_000_000_000L));
    private static final StartingPosition CREATED_B = StartingPosition.atTimestamp(Instant.ofEpochMilli(1_767_000_500_000L));

    private final TestingSplitEnumeratorContext<ShardSplit> context = new TestingSplitEnumeratorContext<>(2);
    /** What the fake catalog answers; null makes it fail. */
    private volatile List<StreamSubscription> named = new ArrayList<>();
    private final Map<String, List<ShardInfo>> streams = Map.of(
            "clicks", List.of(new ShardInfo(S0, null, null, true), new ShardInfo(S1, S0, null, false), new ShardInfo(S2, S0, null, false)),
            "orders", List.of(new ShardInfo(S0, null, null, false)));

    @Test
    void subscriptionsAreReadFromWhenTheCatalogNamesThemAndEachGetsItsOwnSplits() throws Exception {
        ShardEnumerator enumerator = start(EnumeratorState.empty());
        assertThat(assigned()).isEmpty();

        named = List.of(new StreamSubscription("a@1", "clicks", CREATED_A));
        context.triggerAllActions();
        assertThat(assigned()).containsExactly("a@1/" + S0);
        assertThat(split("a@1/" + S0).start()).isEqualTo(CREATED_A);
        assertThat(split("a@1/" + S0).subscription()).isEqualTo("a@1");

        // A second subscription on the same stream reads it from its own start: both get every record.
        named = List.of(new StreamSubscription("a@1", "clicks", CREATED_A), new StreamSubscription("b@2", "clicks", CREATED_B),
                new StreamSubscription("c@3", "orders", CREATED_B));
        context.triggerAllActions();
        assertThat(assigned()).containsExactlyInAnyOrder("a@1/" + S0, "b@2/" + S0, "c@3/" + S0);
        assertThat(split("b@2/" + S0).start()).isEqualTo(CREATED_B);

        // Children wait for their parent within their own subscription only.
        enumerator.handleSourceEvent(0, new ShardsFinished(List.of("a@1/" + S0)));
        assertThat(assigned()).contains("a@1/" + S1, "a@1/" + S2).doesNotContain("b@2/" + S1);
        assertThat(split("a@1/" + S1).start()).isEqualTo(CREATED_A);
        assertThat(split("a@1/" + S1).parentShardIds()).containsExactly(S0);
    }

    @Test
    void aSubscriptionTheCatalogDropsEndsAtTheReadersAndLeavesTheState() throws Exception {
        named = List.of(new StreamSubscription("a@1", "clicks", CREATED_A), new StreamSubscription("b@2", "orders", CREATED_B));
        ShardEnumerator enumerator = start(EnumeratorState.empty());
        assertThat(lastActive(0)).containsExactlyInAnyOrder("a@1", "b@2");

        named = List.of(new StreamSubscription("b@2", "orders", CREATED_B));
        context.triggerAllActions();
        assertThat(lastActive(0)).containsExactly("b@2");
        assertThat(lastActive(1)).containsExactly("b@2");
        assertThat(enumerator.snapshotState(1).subscriptions()).extracting(s -> s.subscription().id()).containsExactly("b@2");
        // A reader that reports a split of the dropped subscription finished changes nothing.
        enumerator.handleSourceEvent(0, new ShardsFinished(List.of("a@1/" + S0)));
        assertThat(assigned()).doesNotContain("a@1/" + S1);

        // A reader that registers again (after a failover) hears the active set at once.
        enumerator.addReader(1);
        assertThat(lastActive(1)).containsExactly("b@2");
    }

    @Test
    void aFailingCatalogKeepsTheSubscriptionsAndTheirReading() throws Exception {
        named = List.of(new StreamSubscription("a@1", "clicks", CREATED_A));
        ShardEnumerator enumerator = start(EnumeratorState.empty());
        EnumeratorState checkpoint = enumerator.snapshotState(1);

        TestingSplitEnumeratorContext<ShardSplit> other = new TestingSplitEnumeratorContext<>(1);
        other.registerReader(0, "localhost");
        named = null;
        ShardEnumerator restored = new ShardEnumerator(other, this::catalog, () -> streams::get, 1_000, checkpoint);
        restored.start();
        other.triggerAllActions();
        assertThat(other.getSentEvents().getOrDefault(0, List.of())).isEmpty();
        restored.handleSourceEvent(0, new ShardsFinished(List.of("a@1/" + S0)));
        assertThat(other.getSplitAssignments().get(0).getAssignedSplits()).extracting(ShardSplit::splitId)
                .containsExactlyInAnyOrder("a@1/" + S1, "a@1/" + S2);
    }

    private StreamCatalog catalog() {
        return () -> {
            List<StreamSubscription> now = named;
            if (now == null) {
                throw new IllegalStateException("catalog down");
            }
            return now;
        };
    }

    private ShardEnumerator start(EnumeratorState state) throws Exception {
        context.registerReader(0, "localhost");
        context.registerReader(1, "localhost");
        ShardEnumerator enumerator = new ShardEnumerator(context, this::catalog, () -> streams::get, 1_000, state);
        enumerator.start();
        context.triggerAllActions();
        return enumerator;
    }

    private List<String> assigned() {
        List<String> ids = new ArrayList<>();
        context.getSplitAssignments().values().forEach(a -> a.getAssignedSplits().forEach(split -> ids.add(split.splitId())));
        return ids;
    }

    private ShardSplit split(String splitId) {
        for (var assignment : context.getSplitAssignments().values()) {
            for (ShardSplit split : assignment.getAssignedSplits()) {
                if (split.splitId().equals(splitId)) {
                    return split;
                }
            }
        }
        throw new AssertionError(splitId + " not assigned");
    }

    private java.util.Set<String> lastActive(int reader) {
        List<ActiveSubscriptions> events = new ArrayList<>();
        context.getSentEvents().getOrDefault(reader, List.of()).forEach(e -> {
            if (e instanceof ActiveSubscriptions active) {
                events.add(active);
            }
        });
        assertThat(events).isNotEmpty();
        return events.get(events.size() - 1).ids();
    }
}
