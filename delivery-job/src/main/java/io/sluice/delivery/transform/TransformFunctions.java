package io.sluice.delivery.transform;

import io.sluice.common.error.InvalidArgumentException;
import java.io.Serializable;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;

/**
 * The functions a {@code LambdaArn} may name, from configuration: {@code sluice.firehose.functions.NAME.class}
 * (a {@link RecordTransformer} on the classpath) or {@code sluice.firehose.functions.NAME.url} (an HTTP
 * endpoint that speaks the Lambda event and response JSON). An ARN names NAME as
 * {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}; a qualifier ({@code :$LATEST}, an alias) is ignored.
 */
public record TransformFunctions(Map<String, String> classes, Map<String, String> urls) implements Serializable {

    static final String PREFIX = "sluice.firehose.functions.";

    public static TransformFunctions from(Configuration conf) {
        Map<String, String> classes = new TreeMap<>();
        Map<String, String> urls = new TreeMap<>();
        for (Map.Entry<String, String> e : conf.toMap().entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String rest = key.substring(PREFIX.length());
            if (rest.endsWith(".class")) {
                classes.put(rest.substring(0, rest.length() - ".class".length()), e.getValue());
            } else if (rest.endsWith(".url")) {
                urls.put(rest.substring(0, rest.length() - ".url".length()), e.getValue());
            } else {
                throw new IllegalArgumentException("Unknown function setting " + key + "; expected " + PREFIX + "NAME.class or .url");
            }
        }
        return new TransformFunctions(classes, urls);
    }

    /** No functions: every LambdaArn is refused. */
    public static TransformFunctions none() {
        return new TransformFunctions(Map.of(), Map.of());
    }

    /** Refuses an ARN that names no configured function, with InvalidArgumentException (at CreateDeliveryStream). */
    public void check(String lambdaArn) {
        String name = functionName(lambdaArn);
        if (!classes.containsKey(name) && !urls.containsKey(name)) {
            throw new InvalidArgumentException("Lambda function " + lambdaArn + " does not exist: Sluice knows the functions "
                    + known() + " (" + PREFIX + "NAME.class or .url).");
        }
    }

    /** The function an ARN names, ready to call. */
    public RecordTransformer open(String lambdaArn) throws ReflectiveOperationException {
        String name = functionName(lambdaArn);
        String className = classes.get(name);
        if (className != null) {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            return (RecordTransformer) type.getConstructor().newInstance();
        }
        String url = urls.get(name);
        if (url != null) {
            return new HttpTransformer(URI.create(url));
        }
        throw new IllegalArgumentException("No function " + name + " is configured for " + lambdaArn);
    }

    /** NAME of {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}. */
    static String functionName(String lambdaArn) {
        String[] parts = lambdaArn.split(":");
        if (parts.length < 7 || !parts[2].equals("lambda") || !parts[5].equals("function")) {
            throw new InvalidArgumentException("LambdaArn " + lambdaArn + " is not a Lambda function ARN"
                    + " (arn:aws:lambda:REGION:ACCOUNT:function:NAME).");
        }
        return parts[6];
    }

    private String known() {
        TreeMap<String, String> all = new TreeMap<>(classes);
        all.putAll(urls);
        return all.keySet().toString();
    }
}
