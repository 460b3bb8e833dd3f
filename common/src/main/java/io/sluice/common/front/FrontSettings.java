package io.sluice.common.front;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/** The {@link FrontOptions} that govern forwarding, read once. */
record FrontSettings(Duration readerWait, Duration scanInterval, Duration connectTimeout, Duration quarantine) {

    static FrontSettings from(Configuration conf) {
        return new FrontSettings(conf.get(FrontOptions.READER_WAIT), conf.get(FrontOptions.SCAN_INTERVAL),
                conf.get(FrontOptions.CONNECT_TIMEOUT), conf.get(FrontOptions.QUARANTINE));
    }
}
