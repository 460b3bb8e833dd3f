package io.sluice.common.connector.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

/** Which shards the enumerator hands out, and when: parents first, LATEST pinned, finishes that survive restores. */
class ShardEnumeratorTest {

    private static final String S0 = "shardId-000000000000";
    private static final String S1 = "shardId-000000000001";
    private static final String S2 = "shardId-000000000002";
    private static final String S3 = "shardId-000000000003";

    private final TestingSplitEnumeratorContext<ShardSplit> context = new TestingSplitEnumeratorContext<>(2);
    private List<ShardInfo> listing = new ArrayList<>();

    @Test
    void childrenWaitUntilTheirParentsAreFinished() throws Exception {
        listing = List.of(shard(S0, null, null, true), shard(S1, null, null, true), shard(S2, S0, S1, false));
        ShardEnumerator enumerator = start(StartingPosition.trimHorizon(), fresh());
        assertThat(assigned()).containsExactlyInAnyOrder(S0, S1);
        enumerator.handleSourceEvent(0, new ShardsFinished(List.of(S0)));
        assertThat(assigned()).doesNotContain(S2);
        enumerator.handleSourceEvent(1, new ShardsFinished(List.of(S1)));
        assertThat(assigned()).contains(S2);
        assertThat(split(S2).start().kind()).isEqualTo(StartingPosition.Kind.TRIM_HORIZON);
        assertThat(split(S2).parentShardIds()).containsExactly(S0, S1);
    }

    @Test
    void latestIsPinnedToTheFirstDiscoveryAndLaterShardsAreReadWhole() throws Exception {
        listing = List.of(shard(S0, null, null, true), shard(S1, S0, null, false), shard(S2, S0, null, false));
        long before = System.currentTimeMillis();
        ShardEnumerator enumerator = start(StartingPosition.latest(), fresh());
        assertThat(assigned()).containsExactlyInAnyOrder(S1, S2);
        assertThat(split(S1).start().kind()).isEqualTo(StartingPosition.Kind.AT_TIMESTAMP);
        assertThat(split(S1).start().timestampMillis()).isBetween(before, System.currentTimeMillis());
        // A shard split off later starts at its beginning, after its parent is done.
        listing = List.of(shard(S0, null, null, true), shard(S1, S0, null, true), shard(S2, S0, null, false), shard(S3, S1, null, false));
        context.triggerAllActions();
        assertThat(assigned()).doesNotContain(S3);
        enumerator.handleSourceEvent(0, new ShardsFinished(List.of(S1)));
        assertThat(split(S3).start().kind()).isEqualTo(StartingPosition.Kind.TRIM_HORIZON);
    }

    @Test
    void aRestoredEnumeratorWaitsForTheReadersToReportWhatFinished() throws Exception {
        // Checkpointed before the reader of S0 reported it finished: the reader's state reports it again.
        listing = List.of(shard(S0, null, null, true), shard(S1, S0, null, false));
        ShardEnumerator enumerator = start(StartingPosition.trimHorizon(), restored(Set.of(S0)));
        assertThat(assigned()).isEmpty();
        enumerator.handleSourceEvent(0, new ShardsFinished(List.of(S0)));
        assertThat(assigned()).containsExactly(S1);
        assertThat(enumerator.snapshotState(1).subscriptions().get(0).finished()).containsExactly(S0);
    }

    @Test
    void anExpiredParentCountsAsDoneOnlyWhenNoReaderIsOnIt() throws Exception {
        listing = List.of(shard(S1, S0, null, false));
        ShardEnumerator enumerator = start(StartingPosition.trimHorizon(), restored(Set.of(S0)));
        assertThat(assigned()).isEmpty();
        enumerator.handleSourceEvent(0, new ShardsFinished(List.of(S0)));
        assertThat(assigned()).containsExactly(S1);

        TestingSplitEnumeratorContext<ShardSplit> other = new TestingSplitEnumeratorContext<>(1);
        other.registerReader(0, "localhost");
        listing = List.of(shard(S3, S2, null, false));
        ShardEnumerator fresh = new ShardEnumerator(other, StreamCatalog.fixed("s", StartingPosition.trimHorizon()), () -> stream -> listing,
                1_000, fresh());
        fresh.start();
        other.triggerAllActions();
        assertThat(other.getSplitAssignments().get(0).getAssignedSplits()).extracting(ShardSplit::shardId).containsExactly(S3);
    }

    @Test
    void eachShardWaitsForTheReaderItsHashNames() throws Exception {
        // Reader 1 registers after the first discovery: it still gets its shards, none go to reader 0.
        listing = List.of(shard(S0, null, null, false), shard(S1, null, null, false), shard(S2, null, null, false),
                shard(S3, null, null, false));
        context.registerReader(0, "localhost");
        ShardEnumerator enumerator = new ShardEnumerator(context, StreamCatalog.fixed("s", StartingPosition.trimHorizon()),
                () -> stream -> listing, 1_000, fresh());
        enumerator.start();
        context.triggerAllActions();
        assertThat(assignedTo(0)).containsExactlyInAnyOrder(S0, S2);
        assertThat(context.getSplitAssignments()).doesNotContainKey(1);

        context.registerReader(1, "localhost");
        enumerator.addReader(1);
        assertThat(assignedTo(0)).containsExactlyInAnyOrder(S0, S2);
        assertThat(assignedTo(1)).containsExactlyInAnyOrder(S1, S3);
    }

    /**
     * A reader that no shard belongs to hears so once the shards are listed, never before (a stream that cannot be
     * listed yet), once, and again only after it owned a shard in between: S0 is reader 0's; its children S1 (reader
     * 1's) and S2 (reader 0's) start when S0 is done, and reader 1 owns nothing again when S1 is done.
     */
    @Test
    void aReaderThatOwnsNoShardIsToldSoOnceTheShardsAreListed() throws Exception {
        listing = null;
        context.registerReader(0, "localhost");
        context.registerReader(1, "localhost");
        ShardEnumerator enumerator = new ShardEnumerator(context, StreamCatalog.fixed("s", StartingPosition.trimHorizon()), () -> stream -> {
            if (listing == null) {
                throw new IllegalStateException("stream s not found");
            }
            return listing;
        }, 1_000, fresh());
        enumerator.start();
        context.triggerAllActions();
        assertThat(noShardsTo(0)).isZero();
        assertThat(noShardsTo(1)).isZero();

        listing = List.of(shard(S0, null, null, false));
        context.triggerAllActions();
        context.triggerAllActions();
        assertThat(assignedTo(0)).containsExactly(S0);
        assertThat(noShardsTo(1)).isEqualTo(1);

        listing = List.of(shard(S0, null, null, true), shard(S1, S0, null, false), shard(S2, S0, null, false));
        context.triggerAllActions();
        assertThat(noShardsTo(1)).isEqualTo(1);
        enumerator.handleSourceEvent(0, new ShardsFinished(List.of(S0)));
        assertThat(assignedTo(1)).containsExactly(S1);
        enumerator.handleSourceEvent(1, new ShardsFinished(List.of(S1)));
        assertThat(noShardsTo(1)).isEqualTo(2);
        assertThat(noShardsTo(0)).isZero();
    }

    private long noShardsTo(int reader) {
        return context.getSentEvents().getOrDefault(reader, List.of()).stream().filter(e -> e instanceof NoShards).count();
    }

    private List<String> assignedTo(int reader) {
        return context.getSplitAssignments().get(reader).getAssignedSplits().stream().map(ShardSplit::shardId).toList();
    }

    private ShardEnumerator start(StartingPosition position, EnumeratorState state) throws Exception {
        context.registerReader(0, "localhost");
        context.registerReader(1, "localhost");
        ShardEnumerator enumerator = new ShardEnumerator(context, StreamCatalog.fixed("s", position), () -> stream -> listing, 1_000, state);
        enumerator.start();
        context.triggerAllActions();
        return enumerator;
    }

    private List<String> assigned() {
        List<String> ids = new ArrayList<>();
        context.getSplitAssignments().values().forEach(a -> a.getAssignedSplits().forEach(split -> ids.add(split.shardId())));
        return ids;
    }

    private ShardSplit split(String shardId) {
        for (var assignment : context.getSplitAssignments().values()) {
            for (ShardSplit split : assignment.getAssignedSplits()) {
                if (split.shardId().equals(shardId)) {
                    return split;
                }
            }
        }
        throw new AssertionError(shardId + " not assigned");
    }

    private static ShardInfo shard(String id, String parent, String adjacentParent, boolean closed) {
        return new ShardInfo(id, parent, adjacentParent, closed);
    }

    private static EnumeratorState fresh() {
        return EnumeratorState.empty();
    }

    /** A version-1 checkpoint of a single-stream source that had handed out {@code assigned}. */
    private static EnumeratorState restored(Set<String> assigned) {
        return new EnumeratorState(List.of(new EnumeratorState.Subscription(new StreamSubscription("", null, null), assigned, Set.of(),
                List.of(), true)));
    }
}
