package io.sluice.ingest.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.error.ResourceNotFoundException;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/** AWS's rules for tags and for the resource ARNs of the tagging actions. */
public final class TagChecks {

    /** Most tags one stream carries, most keys one call removes, most tags one page lists. */
    public static final int MAX_TAGS = 50;

    /** Most tags one call may give (AWS's TagMap shape; the stream's limit of 50 still applies). */
    static final int MAX_TAGS_PER_CALL = 200;

    static final Pattern RESOURCE_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:.+");

    private TagChecks() {}

    /** Tags as a request gives them: 1–200 entries, keys of 1–128 and values of 0–256 characters. */
    static void tags(Violations v, Map<String, String> tags, String path) {
        if (tags == null) {
            v.required(path);
            return;
        }
        if (tags.isEmpty()) {
            v.add(tags, path, "Member must have length greater than or equal to 1");
        }
        optionalTags(v, tags, path);
    }

    /** Tags a CreateStream may give: up to 200 entries (of which the stream keeps at most 50). */
    static void optionalTags(Violations v, Map<String, String> tags, String path) {
        if (tags == null) {
            return;
        }
        if (tags.size() > MAX_TAGS_PER_CALL) {
            v.add(tags, path, "Member must have length less than or equal to " + MAX_TAGS_PER_CALL);
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            Checks.length(v, e.getKey(), path + ".key", 1, 128);
            Checks.length(v, e.getValue(), path + ".value", 0, 256);
        }
    }

    /** Tag keys as a request gives them: 1–50 keys of 1–128 characters. */
    static void keys(Violations v, Collection<String> keys, String path) {
        if (keys == null) {
            v.required(path);
            return;
        }
        if (keys.isEmpty() || keys.size() > MAX_TAGS) {
            v.add(keys, path, "Member must have length " + (keys.isEmpty() ? "greater than or equal to 1" : "less than or equal to " + MAX_TAGS));
        }
        for (String key : keys) {
            Checks.length(v, key, path + ".member", 1, 128);
        }
    }

    /**
     * Keys and values may hold Unicode letters, digits, white space and {@code _ . : / = + - @}; keys
     * starting with {@code aws:} are reserved for AWS.
     */
    public static void allowedCharacters(Iterable<String> texts) {
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            if (text.startsWith("aws:")) {
                throw new InvalidArgumentException("Tag keys starting with 'aws:' are reserved for AWS use.");
            }
            boolean ok = text.codePoints().allMatch(c ->
                    Character.isLetterOrDigit(c) || Character.isWhitespace(c) || "_.:/=+-@".indexOf(c) >= 0);
            if (!ok) {
                throw new InvalidArgumentException(
                        "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . : / = + - @.");
            }
        }
    }

    /** The stream a tagging action's {@code ResourceARN} names (only streams carry tags in Sluice). */
    static String resourceStream(RequestReader r, Violations v, RequestContext context) {
        String arn = r.string("ResourceARN");
        if (arn == null) {
            v.required("resourceARN");
            return null;
        }
        Checks.length(v, arn, "resourceARN", 1, 2048);
        Checks.pattern(v, arn, "resourceARN", RESOURCE_ARN);
        if (!v.isEmpty()) {
            return null;
        }
        if (!Checks.ARN.matcher(arn).matches() || arn.contains("/consumer/")) {
            // Only streams exist in Sluice so far: a consumer ARN names nothing.
            throw new ResourceNotFoundException("Resource " + arn + " not found.");
        }
        String name = context.ownStream(arn);
        if (name == null) {
            throw new InvalidArgumentException("ResourceARN " + arn + " is not a valid Kinesis stream ARN.");
        }
        return name;
    }
}
