package io.sluice.common.connector.table;

import io.sluice.common.connector.savepoint.SavepointScan;
import io.sluice.common.connector.savepoint.SavepointStreamReader;

/** A {@code kinesis} table's {@code scan.savepoint.*} options, checked, with the reader that will read them. */
record SavepointRead(SavepointStreamReader reader, SavepointScan scan) {}
