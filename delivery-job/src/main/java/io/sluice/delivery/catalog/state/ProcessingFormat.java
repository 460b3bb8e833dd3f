package io.sluice.delivery.catalog.state;

import static io.sluice.delivery.catalog.state.StateFields.readEnum;
import static io.sluice.delivery.catalog.state.StateFields.readList;
import static io.sluice.delivery.catalog.state.StateFields.readStringMap;
import static io.sluice.delivery.catalog.state.StateFields.writeEnum;
import static io.sluice.delivery.catalog.state.StateFields.writeList;
import static io.sluice.delivery.catalog.state.StateFields.writeStringMap;

import io.sluice.delivery.api.Processing;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link Processing} in catalog state (version 2): {@code enabled} (boolean), then the processors as a list of
 * (type as enum, parameters as string map).
 */
final class ProcessingFormat {

    private ProcessingFormat() {}

    static void write(Processing processing, DataOutputView out) throws IOException {
        out.writeBoolean(processing.enabled());
        writeList(processing.processors(), out, ProcessingFormat::writeProcessor);
    }

    static Processing read(DataInputView in) throws IOException {
        boolean enabled = in.readBoolean();
        return new Processing(enabled, readList(in, ProcessingFormat::readProcessor));
    }

    private static void writeProcessor(Processing.Processor processor, DataOutputView out) throws IOException {
        writeEnum(processor.type(), out);
        writeStringMap(processor.parameters(), out);
    }

    private static Processing.Processor readProcessor(DataInputView in) throws IOException {
        Processing.Type type = readEnum(Processing.Type.class, in);
        return new Processing.Processor(type, readStringMap(in));
    }
}
