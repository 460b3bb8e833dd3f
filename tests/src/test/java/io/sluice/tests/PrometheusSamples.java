package io.sluice.tests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a Prometheus endpoint (the embedded run's Flink reporter): every sample's metric name (with
 * Flink's scope prefix), labels and value. Sums pick a metric by the end of its name, so callers say
 * {@code IncomingRecords} or {@code DeliveryToS3_Bytes} and need not spell the scope. Shared by the
 * end-to-end tests and the Firehose benchmark.
 */
public record PrometheusSamples(List<Map<String, String>> labels, List<String> names, List<Double> values) {

    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{(.*)\\} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static PrometheusSamples scrape(URI endpoint) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String body = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        List<Map<String, String>> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String line : body.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> l = new HashMap<>();
            Matcher lm = LABEL.matcher(m.group(2));
            while (lm.find()) {
                l.put(lm.group(1), lm.group(2));
            }
            names.add(m.group(1));
            labels.add(l);
            values.add(Double.parseDouble(m.group(3)));
        }
        return new PrometheusSamples(labels, names, values);
    }

    /** The sum of a Kinesis metric of one stream, over the stream-level or (with {@code perShard}) the shard-level samples. */
    public double sum(String metric, String stream, boolean perShard) {
        double total = 0;
        for (int i = 0; i < names.size(); i++) {
            if (matches(i, metric, stream, perShard)) {
                total += values.get(i);
            }
        }
        return total;
    }

    public int count(String metric, String stream, boolean perShard) {
        int n = 0;
        for (int i = 0; i < names.size(); i++) {
            n += matches(i, metric, stream, perShard) ? 1 : 0;
        }
        return n;
    }

    /** The sum of a Firehose metric over the subtasks reporting it for one delivery stream. */
    public double deliveryStreamSum(String metric, String deliveryStream) {
        double total = 0;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).endsWith("_" + metric) && deliveryStream.equals(labels.get(i).get("delivery_stream"))) {
                total += values.get(i);
            }
        }
        return total;
    }

    /** How many subtasks report a Firehose metric for one delivery stream. */
    public int deliveryStreamCount(String metric, String deliveryStream) {
        int n = 0;
        for (int i = 0; i < names.size(); i++) {
            n += names.get(i).endsWith("_" + metric) && deliveryStream.equals(labels.get(i).get("delivery_stream")) ? 1 : 0;
        }
        return n;
    }

    private boolean matches(int i, String metric, String stream, boolean perShard) {
        return names.get(i).endsWith("_" + metric) && stream.equals(labels.get(i).get("stream"))
                && perShard == labels.get(i).containsKey("shard");
    }
}
