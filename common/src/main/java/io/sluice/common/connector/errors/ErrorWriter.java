package io.sluice.common.connector.errors;

import java.io.IOException;
import java.util.List;

/** Where an {@link ErrorOutput} writes its errors: a Kinesis stream or files. */
interface ErrorWriter extends AutoCloseable {

    /** Writes every error of the batch, durably, before it returns; throws when it could not (the batch is then kept). */
    void write(List<ParseError> batch) throws IOException;

    @Override
    void close();
}
