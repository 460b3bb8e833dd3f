package io.sluice.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.analytics.cli.CliArguments.HostPort;
import io.sluice.analytics.cli.CliArguments.UsageException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CliArgumentsTest {

    @Test
    void separatesPositionalsOptionsConfigurationAndPlaceholders() {
        CliArguments cli = CliArguments.parse(new String[] {"run", "sql/app.sql", "--rest=flink.example:8082", "parallelism.default=2",
                "STREAM=ticks", "ENDPOINT=http://h:4567/?a=b"});
        assertThat(cli.command()).isEqualTo("run");
        assertThat(cli.single("file")).isEqualTo("sql/app.sql");
        assertThat(cli.rest()).contains(new HostPort("flink.example", 8082));
        assertThat(cli.configuration().toMap()).isEqualTo(Map.of("parallelism.default", "2"));
        assertThat(cli.placeholders()).isEqualTo(Map.of("STREAM", "ticks", "ENDPOINT", "http://h:4567/?a=b"));
    }

    @Test
    void resumeTakesTheSavepointAsAnOption() {
        CliArguments cli = CliArguments.parse(new String[] {"resume", "tumbling-count", "--savepoint=file:/tmp/sp/savepoint-1"});
        assertThat(cli.positional()).isEqualTo(List.of("tumbling-count"));
        assertThat(cli.option("savepoint")).isEqualTo(Optional.of("file:/tmp/sp/savepoint-1"));
        assertThat(cli.rest()).isEmpty();
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        assertThatThrownBy(() -> CliArguments.parse(new String[0])).isInstanceOf(UsageException.class).hasMessage("no command given");
        assertThatThrownBy(() -> CliArguments.parse(new String[] {"run", "--parallel=2"})).hasMessage("unknown option --parallel=2");
        assertThatThrownBy(() -> CliArguments.parse(new String[] {"stop", "--savepoint-dir"}))
                .hasMessage("--savepoint-dir needs a value: --savepoint-dir=...");
        assertThatThrownBy(() -> CliArguments.parse(new String[] {"run", "--rest=localhost"}).rest())
                .hasMessage("--rest takes HOST:PORT (e.g. localhost:8081), not 'localhost'");
        assertThatThrownBy(() -> CliArguments.parse(new String[] {"run", "a.sql", "b.sql"}).single("APP.sql file"))
                .hasMessage("run takes one APP.sql file, not [a.sql, b.sql]");
        assertThatThrownBy(() -> CliArguments.parse(new String[] {"stop"}).single("application NAME"))
                .hasMessage("stop takes one application NAME, none given");
    }
}
