package io.sluice.common.connector.table;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code sink.record-delimiter} as typed in SQL: its escapes become the bytes the rows end with. */
class FirehoseConnectorOptionsTest {

    @Test
    void escapesBecomeControlCharactersAndTheRestStaysAsTyped() {
        assertThat(FirehoseConnectorOptions.unescape(FirehoseConnectorOptions.RECORD_DELIMITER.defaultValue())).isEqualTo("\n");
        assertThat(FirehoseConnectorOptions.unescape("\\r\\n")).isEqualTo("\r\n");
        assertThat(FirehoseConnectorOptions.unescape("\\t|\\\\")).isEqualTo("\t|\\");
        assertThat(FirehoseConnectorOptions.unescape("")).isEmpty();
        assertThat(FirehoseConnectorOptions.unescape("\\x;\\")).isEqualTo("\\x;\\");
    }
}
