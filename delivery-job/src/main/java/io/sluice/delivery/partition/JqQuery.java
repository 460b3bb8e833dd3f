package io.sluice.delivery.partition;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@code MetadataExtraction} processor's {@code MetadataExtractionQuery} ({@code JsonParsingEngine}
 * {@code JQ-1.6}): the subset of jq that Sluice runs, parsed once and applied to each record's JSON.
 *
 * <p>The query is an object constructor, {@code {key: filter, ...}} (a key is a name or a JSON string;
 * {@code {key}} is {@code {key: .key}}), at most {@value #MAX_KEYS} keys. A filter is a pipeline
 * {@code a | b | ...} of:
 * <ul>
 *   <li>paths: {@code .}, {@code .a.b}, {@code ."a b"}, {@code .a["x y"]}, {@code .a[0]}, {@code .a[-1]};
 *       a missing member or element is null, indexing a value of another type fails as in jq;
 *   <li>{@code strftime("%Y")} (epoch seconds, UTC; conversions listed in {@link Strftime}), {@code todate}
 *       ({@code strftime("%Y-%m-%dT%H:%M:%SZ")}), {@code tostring} and {@code tonumber}.
 * </ul>
 * AWS's examples ({@code {customer_id: .customer_id, device: .type.device, year: .event_timestamp|strftime("%Y")}})
 * are in the subset. Anything else jq 1.6 has is refused at CreateDeliveryStream, never run differently.
 *
 * <p>A key's value is the filter's output as text: a string as it is, a number as jq prints it
 * ({@code 1565382027}), {@code true}/{@code false}. <b>Sluice:</b> a null (a missing field), an object or an array
 * is no partition key: the record goes to the error output, as do records that are not one JSON value or on
 * which a filter fails. Instances are immutable and thread-safe.
 */
public final class JqQuery {

    /** Most keys a query may have (AWS's limit of partition keys). */
    public static final int MAX_KEYS = 50;

    private static final ObjectReader RECORDS = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .reader();

    private final String text;
    private final Map<String, JqFilter> entries;

    private JqQuery(String text, Map<String, JqFilter> entries) {
        this.text = text;
        this.entries = entries;
    }

    /**
     * Parses a query.
     *
     * @throws JqException if it is outside the subset, with what and where
     */
    public static JqQuery parse(String text) throws JqException {
        Map<String, JqFilter> entries = JqParser.parse(text);
        if (entries.size() > MAX_KEYS) {
            throw new JqException("the query has " + entries.size() + " keys; at most " + MAX_KEYS + " are allowed");
        }
        return new JqQuery(text, Collections.unmodifiableMap(new LinkedHashMap<>(entries)));
    }

    /** The keys the query produces. */
    public Set<String> keys() {
        return entries.keySet();
    }

    /**
     * The partition keys of one record.
     *
     * @throws JqException if the record is not one JSON value, a filter fails on it, or a value is no key
     */
    public Map<String, String> evaluate(byte[] record) throws JqException {
        JsonNode json;
        try {
            json = RECORDS.readTree(record);
        } catch (JsonProcessingException e) {
            throw new JqException("The record is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new JqException("The record is not valid JSON: " + e.getMessage());
        }
        if (json == null || json.isMissingNode()) {
            throw new JqException("The record is empty, not JSON.");
        }
        return evaluate(json);
    }

    /** The partition keys of a parsed record (see {@link #evaluate(byte[])}). */
    public Map<String, String> evaluate(JsonNode record) throws JqException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Map.Entry<String, JqFilter> e : entries.entrySet()) {
            JsonNode value = e.getValue().apply(record);
            if (value.isNull() || value.isMissingNode()) {
                throw new JqException("The query's key " + e.getKey() + " is null for the record.");
            }
            if (value.isContainerNode()) {
                throw new JqException("The query's key " + e.getKey() + " is an " + JqValues.typeName(value)
                        + ", not a string, number or boolean.");
            }
            keys.put(e.getKey(), value.isTextual() ? value.textValue() : JqValues.json(value));
        }
        return keys;
    }

    @Override
    public String toString() {
        return text;
    }
}
