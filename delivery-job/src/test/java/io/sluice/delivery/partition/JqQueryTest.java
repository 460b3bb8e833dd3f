package io.sluice.delivery.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Sluice's jq subset: AWS's examples, paths, strftime and the other functions, jq's errors, and what is refused. */
class JqQueryTest {

    /** AWS's sample record ("Understand partitioning keys"). */
    private static final String AWS_RECORD = """
            {"type": {"device": "mobile", "event": "user_clicked_submit_button"}, "customer_id": "1234567890",
             "event_timestamp": 1565382027, "region": "sample_region"}""";

    @Test
    void awsExampleQueryGivesAwsPartitionKeys() throws Exception {
        JqQuery query = JqQuery.parse("{customer_id: .customer_id, device: .type.device, year: .event_timestamp| strftime(\"%Y\"),"
                + " month: .event_timestamp| strftime(\"%m\"), day: .event_timestamp| strftime(\"%d\"),"
                + " hour: .event_timestamp| strftime(\"%H\")}");
        assertThat(query.keys()).containsExactly("customer_id", "device", "year", "month", "day", "hour");
        assertThat(query.evaluate(bytes(AWS_RECORD))).containsExactly(Map.entry("customer_id", "1234567890"),
                Map.entry("device", "mobile"), Map.entry("year", "2019"), Map.entry("month", "08"), Map.entry("day", "09"),
                Map.entry("hour", "20"));
    }

    @Test
    void theCdkFormWithQuotedKeysAndNoSpacesParsesToo() throws Exception {
        JqQuery query = JqQuery.parse("{\"customer_id\":.customer_id,\"device\":.type.device,\"year\":.event_timestamp|strftime(\"%Y\")}");
        assertThat(query.evaluate(bytes(AWS_RECORD)))
                .isEqualTo(Map.of("customer_id", "1234567890", "device", "mobile", "year", "2019"));
    }

    @Test
    void pathsIndexObjectsAndArraysAsJqDoes() throws Exception {
        String record = "{\"a\": {\"x y\": \"spaced\", \"list\": [\"first\", \"second\", \"last\"], \"n\": null},"
                + " \"x y\": 7, \"flag\": true, \"ratio\": 0.25, \"region\": \"eu\"}";
        JqQuery query = JqQuery.parse("{ spaced : .a[\"x y\"], first: .a.list[0], last: .a.list[-1], quoted: .\"x y\","
                + " bracket: .[\"region\"], flag: .flag, ratio: .ratio, region }");
        assertThat(query.evaluate(bytes(record))).containsExactly(Map.entry("spaced", "spaced"), Map.entry("first", "first"),
                Map.entry("last", "last"), Map.entry("quoted", "7"), Map.entry("bracket", "eu"), Map.entry("flag", "true"),
                Map.entry("ratio", "0.25"), Map.entry("region", "eu"));
    }

    @Test
    void aMissingOrNullValueIsNoPartitionKey() throws Exception {
        assertFails("{k: .a.missing}", "{\"a\": {}}", "The query's key k is null for the record.");
        assertFails("{k: .a.list[5]}", "{\"a\": {\"list\": [1]}}", "The query's key k is null for the record.");
        assertFails("{k: .nowhere.deeper[0]}", "{}", "The query's key k is null for the record.");
        assertFails("{k: .a}", "{\"a\": {\"b\": 1}}", "The query's key k is an object, not a string, number or boolean.");
        assertFails("{k: .a}", "{\"a\": [1]}", "The query's key k is an array, not a string, number or boolean.");
    }

    @Test
    void indexingTheWrongTypeFailsWithJqsMessage() throws Exception {
        assertFails("{k: .a.b}", "{\"a\": 5}", "Cannot index number with \"b\"");
        assertFails("{k: .a[0]}", "{\"a\": {\"0\": 1}}", "Cannot index object with number");
        assertFails("{k: .a.b}", "{\"a\": [1]}", "Cannot index array with \"b\"");
        assertFails("{k: .a.b}", "{\"a\": \"text\"}", "Cannot index string with \"b\"");
        assertFails("{k: .a}", "[1, 2]", "Cannot index array with \"a\"");
    }

    @Test
    void strftimeFormatsEpochSecondsInUtcLikeC() throws Exception {
        // Expected from C's strftime(gmtime(1565382027)): Friday 2019-08-09 20:20:27 UTC.
        assertThat(key("{k: .t | strftime(\"%a %A %b %B %C %d %D %e %F %G %g %h %H %I %j %k %l %m %M %n %p %r %R %s %S %t %T %u"
                + " %U %V %w %W %y %Y %z %%\")}", "{\"t\": 1565382027}"))
                .isEqualTo("Fri Friday Aug August 20 09 08/09/19  9 2019-08-09 2019 19 Aug 20 08 221 20  8 08 20 \n PM 08:20:27 PM"
                        + " 20:20 1565382027 27 \t 20:20:27 5 31 32 5 31 19 2019 +0000 %");
        assertThat(key("{k: .t|strftime(\"%G-W%V-%u %U %W %j %I %p %l\")}", "{\"t\": 1609459199}"))
                .isEqualTo("2020-W53-4 52 52 366 11 PM 11");
        assertThat(key("{k: .t|strftime(\"%G-W%V-%u %U %W %j %I %p %l %k\")}", "{\"t\": 1609718400}"))
                .isEqualTo("2021-W01-1 01 01 004 12 AM 12  0");
        assertThat(key("{k: .t|strftime(\"%G %g W%V %U %W\")}", "{\"t\": 1609459200}")).isEqualTo("2020 20 W53 00 00");
        assertThat(key("{k: .t|strftime(\"%Y-%m-%d %H:%M:%S\")}", "{\"t\": 1565382027.999}")).isEqualTo("2019-08-09 20:20:27");
        assertThat(key("{k: .t|strftime(\"%Y-%m-%d %H:%M:%S\")}", "{\"t\": -0.5}")).isEqualTo("1969-12-31 23:59:59");
    }

    @Test
    void todateTostringAndTonumberAsJqDefinesThem() throws Exception {
        assertThat(key("{k: .t | todate}", "{\"t\": 1565382027}")).isEqualTo("2019-08-09T20:20:27Z");
        assertThat(key("{k: .t | tostring}", "{\"t\": 1565382027}")).isEqualTo("1565382027");
        assertThat(key("{k: .t | tostring}", "{\"t\": \"as is\"}")).isEqualTo("as is");
        assertThat(key("{k: .t | tostring}", "{\"t\": null}")).isEqualTo("null");
        assertThat(key("{k: .t | tostring}", "{\"t\": {\"b\": [1, 2.50, \"x\"]}}")).isEqualTo("{\"b\":[1,2.5,\"x\"]}");
        assertThat(key("{k: .t | tonumber | strftime(\"%Y\")}", "{\"t\": \"1565382027\"}")).isEqualTo("2019");
        assertFails("{k: .t | tonumber}", "{\"t\": \"soon\"}", "string (\"soon\") cannot be parsed as a number");
        assertFails("{k: .t | strftime(\"%Y\")}", "{\"t\": \"2019-08-09\"}", "strftime/1 requires parsed datetime inputs");
        assertFails("{k: .t | todate}", "{}", "strftime/1 requires parsed datetime inputs");
    }

    @Test
    void numbersAreKeysAsJqPrintsThem() {
        assertThat(JqValues.number(1565382027)).isEqualTo("1565382027");
        assertThat(JqValues.number(1.0)).isEqualTo("1");
        assertThat(JqValues.number(-0.5)).isEqualTo("-0.5");
        assertThat(JqValues.number(0.001)).isEqualTo("0.001");
        assertThat(JqValues.number(0.00001)).isEqualTo("1e-05");
        assertThat(JqValues.number(1e22)).isEqualTo("1e+22");
        assertThat(JqValues.number(1.5e300)).isEqualTo("1.5e+300");
        assertThat(JqValues.number(12345678901234567890.0)).isEqualTo("12345678901234567000");
        assertThat(JqValues.number(0)).isEqualTo("0");
    }

    @Test
    void recordsThatAreNotOneJsonValueFail() throws Exception {
        JqQuery query = JqQuery.parse("{k: .a}");
        assertThatThrownBy(() -> query.evaluate(bytes("not json"))).isInstanceOf(JqException.class)
                .hasMessageStartingWith("The record is not valid JSON: ");
        assertThatThrownBy(() -> query.evaluate(bytes("{\"a\": 1}{\"a\": 2}"))).isInstanceOf(JqException.class)
                .hasMessageStartingWith("The record is not valid JSON: ");
        assertThatThrownBy(() -> query.evaluate(bytes(""))).isInstanceOf(JqException.class)
                .hasMessage("The record is empty, not JSON.");
        assertThat(query.evaluate(bytes("{\"a\": \"x\"}\n"))).isEqualTo(Map.of("k", "x"));
    }

    @Test
    void queriesOutsideTheSubsetAreRefusedWithWhatAndWhere() {
        assertRefused(".customer_id", "expected '{' at position 0, found '.'");
        assertRefused("{k: .a", "expected '}' at position 6, found the end of the query");
        assertRefused("{k: .a | length}", "the function length at position 9 is not supported; Sluice supports strftime, todate,"
                + " tostring and tonumber");
        assertRefused("{k: .a[]}", "expected a string or an integer index in [...] at position 7, found ']'");
        assertRefused("{k: \"x\\(.a)\"}", "expected a path (.a.b) or a function (strftime, todate, tostring, tonumber) at position 4,"
                + " found '\"'");
        assertRefused("{k: .t | strftime(\"%c\")}", "strftime conversion %c is not supported; Sluice supports %a %A %b %B %C %d %D %e"
                + " %F %g %G %h %H %I %j %k %l %m %M %n %p %r %R %s %S %t %T %u %U %V %w %W %y %Y %z %%");
        assertRefused("{k: .t | strftime(\"%Y%\")}", "strftime format \"%Y%\" ends with a lone %");
        assertRefused("{k: .a, k: .b}", "the key \"k\" appears twice");
        assertRefused("{\"k\"}", "expected ':' after the key \"k\" at position 4, found '}'");
        assertRefused("{k: .a} | .k", "expected the end of the query at position 8, found '|'");
        assertRefused("{k: .a.}", "expected a field name after '.' at position 7, found '}'");
        String fiftyOne = IntStream.range(0, 51).mapToObj(i -> "k" + i + ": .a").collect(Collectors.joining(", ", "{", "}"));
        assertRefused(fiftyOne, "the query has 51 keys; at most 50 are allowed");
    }

    private static void assertRefused(String query, String message) {
        assertThatThrownBy(() -> JqQuery.parse(query)).isInstanceOf(JqException.class).hasMessage(message);
    }

    private static void assertFails(String query, String record, String message) throws JqException {
        JqQuery parsed = JqQuery.parse(query);
        assertThatThrownBy(() -> parsed.evaluate(bytes(record))).isInstanceOf(JqException.class).hasMessage(message);
    }

    private static String key(String query, String record) throws JqException {
        return JqQuery.parse(query).evaluate(bytes(record)).get("k");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
