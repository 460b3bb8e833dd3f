package io.sluice.analytics.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    @Test
    void splitsAtSemicolonsAndNumbersEachStatementsFirstLine() {
        List<SqlStatement> statements = StatementSplitter.split("CREATE TABLE a (x INT);\n\nINSERT INTO b\nSELECT x FROM a;\n");
        assertThat(statements).containsExactly(
                new SqlStatement("CREATE TABLE a (x INT)", 1),
                new SqlStatement("INSERT INTO b\nSELECT x FROM a", 3));
    }

    @Test
    void aLastStatementNeedsNoSemicolonAndEmptyStatementsAreLeftOut() {
        assertThat(StatementSplitter.split(";;  SET 'a' = 'b' ;\n;\nSELECT 1"))
                .containsExactly(new SqlStatement("SET 'a' = 'b'", 1), new SqlStatement("SELECT 1", 3));
    }

    @Test
    void semicolonsInLiteralsAndQuotedIdentifiersDoNotSplit() {
        String sql = "SET 'pipeline.name' = 'a;b'; SELECT 'it''s; here', \"col;1\", `col;2` FROM t";
        assertThat(StatementSplitter.split(sql)).extracting(SqlStatement::sql)
                .containsExactly("SET 'pipeline.name' = 'a;b'", "SELECT 'it''s; here', \"col;1\", `col;2` FROM t");
    }

    @Test
    void commentsAreBlankedKeepingLineBreaksAndHintsAreKept() {
        String sql = "-- the input; read from the start\n"
                + "CREATE TABLE a (x INT) /* a ; comment\n over two lines */ WITH ('k' = 'v');\n"
                + "INSERT INTO b /*+ OPTIONS('sink.parallelism' = '1') */ SELECT x -- trailing; comment\nFROM a;";
        List<SqlStatement> statements = StatementSplitter.split(sql);
        assertThat(statements).extracting(SqlStatement::line).containsExactly(2, 4);
        assertThat(statements.get(0).sql()).isEqualTo("CREATE TABLE a (x INT)" + " ".repeat(15) + "\n" + " ".repeat(18) + " WITH ('k' = 'v')");
        assertThat(statements.get(1).sql())
                .isEqualTo("INSERT INTO b /*+ OPTIONS('sink.parallelism' = '1') */ SELECT x " + " ".repeat(20) + "\nFROM a");
    }

    @Test
    void aStatementThatStartsAfterACommentOnItsLineCountsFromThere() {
        assertThat(StatementSplitter.split("/* header\n more */ CREATE VIEW v AS SELECT 1;"))
                .containsExactly(new SqlStatement("CREATE VIEW v AS SELECT 1", 2));
    }

    @Test
    void anUnclosedLiteralOrCommentIsAnErrorNamingItsLine() {
        assertThatThrownBy(() -> StatementSplitter.split("SELECT 1;\nSELECT 'open;\n"))
                .isInstanceOf(ApplicationException.class).hasMessage("line 2: the string literal that starts here is not closed");
        assertThatThrownBy(() -> StatementSplitter.split("SELECT 1;\n\n/* open"))
                .hasMessage("line 3: the comment that starts here is not closed");
    }

    @Test
    void keywordIsTheFirstWordInUpperCase() {
        assertThat(new SqlStatement("  insert into x select 1", 1).keyword()).isEqualTo("INSERT");
        assertThat(new SqlStatement("(SELECT 1)", 1).keyword()).isEqualTo("SELECT");
    }
}
