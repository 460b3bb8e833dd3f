package io.sluice.ingest.replay;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.CompositeKeySerializationUtils;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.StateSerializerProvider;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.runtime.state.restore.FullSnapshotRestoreOperation;
import org.apache.flink.runtime.state.restore.KeyGroup;
import org.apache.flink.runtime.state.restore.KeyGroupEntry;
import org.apache.flink.runtime.state.restore.SavepointRestoreResult;
import org.apache.flink.runtime.state.restore.ThrowingIterator;
import org.apache.flink.runtime.state.ttl.TtlStateFactory;
import org.apache.flink.runtime.state.ttl.TtlValue;

/**
 * The keyed state (string keys) of one operator in a savepoint of Flink's canonical format, read straight from the
 * savepoint's files, entry by entry, with nothing restored into a state backend.
 *
 * <p>Why: the State Processor API restores an operator's whole state into a state backend before it reads any (a
 * savepoint of a gigabyte is written into a local RocksDB, then read back), which was most of a replay's time. A
 * canonical savepoint is a stream per subtask of key groups, each key group a run of (state, key, value) entries;
 * Flink's own {@link FullSnapshotRestoreOperation} walks that stream, and this class decodes its entries with the
 * serializers the savepoint names, as a heap backend's restore does. For the RocksDB state backend the entries of one
 * state come in key order, so a map state's entries of one key come ordered by their serialized map keys.
 *
 * <p>Readable: savepoints in the canonical format (the default for savepoints) and full checkpoints. Not: incremental
 * RocksDB checkpoints and native-format savepoints, whose state is RocksDB's own files ({@link #readable} says so).
 */
final class SavepointKeyedState implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<KeyGroupsStateHandle> handles;
    private final int maxParallelism;

    private SavepointKeyedState(List<KeyGroupsStateHandle> handles, int maxParallelism) {
        this.handles = handles;
        this.maxParallelism = maxParallelism;
    }

    /** Whether the keyed state of {@code operator} is in the canonical format that this class reads. */
    static boolean readable(OperatorState operator) {
        boolean any = false;
        for (OperatorSubtaskState subtask : operator.getStates()) {
            for (KeyedStateHandle handle : subtask.getManagedKeyedState()) {
                if (!(handle instanceof KeyGroupsStateHandle)) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** The keyed state of {@code operator}, which must be {@link #readable}. */
    static SavepointKeyedState of(OperatorState operator) {
        List<KeyGroupsStateHandle> handles = new ArrayList<>();
        for (OperatorSubtaskState subtask : operator.getStates()) {
            for (KeyedStateHandle handle : subtask.getManagedKeyedState()) {
                handles.add((KeyGroupsStateHandle) handle);
            }
        }
        return new SavepointKeyedState(handles, operator.getMaxParallelism());
    }

    /** Every entry of every key group. Close it. */
    Entries all() throws IOException {
        return new Entries(handles, KeyGroupRange.of(0, maxParallelism - 1), maxParallelism);
    }

    /** The entries of the one key group that holds {@code key} (and the other keys of that key group). Close it. */
    Entries keyGroupOf(String key) throws IOException {
        int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism);
        KeyGroupRange range = KeyGroupRange.of(keyGroup, keyGroup);
        List<KeyGroupsStateHandle> holding = new ArrayList<>();
        for (KeyGroupsStateHandle handle : handles) {
            if (handle.getKeyGroupRange().contains(keyGroup)) {
                holding.add(handle.getIntersection(range));
            }
        }
        return new Entries(holding, range, maxParallelism);
    }

    /** Entries of the state, decoded lazily: the state's name at once, key and value only when asked. */
    static final class Entries implements AutoCloseable {
        private final ThrowingIterator<SavepointRestoreResult> results;
        private final int keyGroupPrefixBytes;
        private final DataInputDeserializer keyIn = new DataInputDeserializer();
        private final DataInputDeserializer valueIn = new DataInputDeserializer();
        private List<StateMetaInfoSnapshot> states = List.of();
        private ThrowingIterator<KeyGroup> keyGroups;
        private ThrowingIterator<KeyGroupEntry> current;
        private KeyGroupEntry entry;
        private StateSerializers serializers;
        private StateSerializers[] byStateId = new StateSerializers[0];

        private Entries(List<KeyGroupsStateHandle> handles, KeyGroupRange range, int maxParallelism) throws IOException {
            this.keyGroupPrefixBytes = CompositeKeySerializationUtils.computeRequiredBytesInKeyGroupPrefix(maxParallelism);
            if (handles.isEmpty()) {
                results = null;
                return;
            }
            try {
                results = new FullSnapshotRestoreOperation<>(range, Thread.currentThread().getContextClassLoader(), new ArrayList<KeyedStateHandle>(handles),
                        StateSerializerProvider.fromNewRegisteredSerializer(StringSerializer.INSTANCE)).restore();
            } catch (Exception e) {
                throw new IOException("Cannot open the keyed state in the savepoint: " + e.getMessage(), e);
            }
        }

        /** Moves to the next entry; false after the last. */
        boolean next() throws IOException {
            try {
                while (true) {
                    if (current != null && current.hasNext()) {
                        entry = current.next();
                        serializers = serializers(entry.getKvStateId());
                        keyIn.setBuffer(entry.getKey());
                        CompositeKeySerializationUtils.readKeyGroup(keyGroupPrefixBytes, keyIn);
                        return true;
                    }
                    if (keyGroups != null && keyGroups.hasNext()) {
                        current = keyGroups.next().getKeyGroupEntries();
                    } else if (results != null && results.hasNext()) {
                        closeKeyGroups();
                        SavepointRestoreResult result = results.next();
                        states = result.getStateMetaInfoSnapshots();
                        byStateId = new StateSerializers[states.size()];
                        keyGroups = result.getRestoredKeyGroups();
                    } else {
                        return false;
                    }
                }
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("Cannot read the keyed state in the savepoint: " + e.getMessage(), e);
            }
        }

        private StateSerializers serializers(int stateId) {
            StateSerializers s = byStateId[stateId];
            if (s == null) {
                s = byStateId[stateId] = StateSerializers.of(states.get(stateId));
            }
            return s;
        }

        String stateName() {
            return serializers.name;
        }

        /** The entry's key, or null for an entry of a timer (or other non key/value) state; read once per entry. */
        String key() throws IOException {
            if (serializers.namespace == null) {
                return null;
            }
            String key = CompositeKeySerializationUtils.readKey(StringSerializer.INSTANCE, keyIn, serializers.ambiguousKey);
            CompositeKeySerializationUtils.readNamespace(serializers.namespace, keyIn, serializers.ambiguousKey);
            return key;
        }

        /** The map key of a map state's entry (after {@link #key}). */
        Object userKey() throws IOException {
            return ((MapSerializer<?, ?>) serializers.value).getKeySerializer().deserialize(keyIn);
        }

        /** The entry's value, without a TTL wrapper (what the savepoint holds, expired or not). */
        Object value() throws IOException {
            valueIn.setBuffer(entry.getValue());
            Object value;
            if (serializers.value instanceof MapSerializer) {
                value = valueIn.readBoolean() ? null : ((MapSerializer<?, ?>) serializers.value).getValueSerializer().deserialize(valueIn);
            } else {
                value = serializers.value.deserialize(valueIn);
            }
            return value instanceof TtlValue ? ((TtlValue<?>) value).getUserValue() : value;
        }

        /** The entry's value as the savepoint stores it (see {@link #byteArrayOffset}). */
        byte[] rawValue() {
            return entry.getValue();
        }

        /**
         * For a map state of {@code byte[]} values: where the value's bytes start in {@link #rawValue}, so that they are
         * read in place rather than copied; -1 when the entry is not laid out as such a value is (a null value, another
         * serializer), and {@link #value} must be used. The layout is the map value's (a null flag byte 0), the TTL
         * timestamp when the state has a TTL (8 bytes), the array's length (4) and its bytes: checked against the
         * entry's size, so a layout that differs reads through {@link #value} instead.
         */
        int byteArrayOffset() {
            byte[] raw = entry.getValue();
            if (!(serializers.value instanceof MapSerializer)) {
                return -1;
            }
            int header = 1 + (serializers.ttlMapValue ? Long.BYTES : 0);
            if (raw.length < header + Integer.BYTES || raw[0] != 0) {
                return -1;
            }
            int length = ((raw[header] & 0xFF) << 24) | ((raw[header + 1] & 0xFF) << 16) | ((raw[header + 2] & 0xFF) << 8) | (raw[header + 3] & 0xFF);
            int start = header + Integer.BYTES;
            return length >= 0 && start + length == raw.length ? start : -1;
        }

        private void closeKeyGroups() throws IOException {
            if (keyGroups != null) {
                keyGroups.close();
                keyGroups = null;
                current = null;
            }
        }

        @Override
        public void close() throws IOException {
            closeKeyGroups();
            if (results != null) {
                results.close();
            }
        }
    }

    /** The serializers of one state in the savepoint, restored from the snapshots it carries. */
    private static final class StateSerializers {
        final String name;
        final TypeSerializer<?> namespace;
        final TypeSerializer<?> value;
        final boolean ambiguousKey;
        /** A map state whose values carry a TTL timestamp. */
        final boolean ttlMapValue;

        private StateSerializers(String name, TypeSerializer<?> namespace, TypeSerializer<?> value) {
            this.name = name;
            this.namespace = namespace;
            this.value = value;
            this.ttlMapValue = value instanceof MapSerializer
                    && TtlStateFactory.TtlSerializer.isTtlStateSerializer(((MapSerializer<?, ?>) value).getValueSerializer());
            this.ambiguousKey = namespace != null && CompositeKeySerializationUtils.isAmbiguousKeyPossible(StringSerializer.INSTANCE, namespace);
        }

        static StateSerializers of(StateMetaInfoSnapshot state) {
            var type = state.getBackendStateType();
            if (type != StateMetaInfoSnapshot.BackendStateType.KEY_VALUE && type != StateMetaInfoSnapshot.BackendStateType.KEY_VALUE_V2) {
                return new StateSerializers(state.getName(), null, null);
            }
            return new StateSerializers(state.getName(),
                    state.getTypeSerializerSnapshot(StateMetaInfoSnapshot.CommonSerializerKeys.NAMESPACE_SERIALIZER).restoreSerializer(),
                    state.getTypeSerializerSnapshot(StateMetaInfoSnapshot.CommonSerializerKeys.VALUE_SERIALIZER).restoreSerializer());
        }
    }
}
