package io.sluice.ingest.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.sluice.common.error.ExpiredIteratorException;
import io.sluice.common.error.ExpiredNextTokenException;
import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.SignedToken;
import java.io.IOException;
import java.time.Instant;

/**
 * Issues and opens the opaque tokens of the Streams API: shard iterators and the NextTokens of
 * ListStreams and ListShards. Each is signed (tamper-evident) and expires 300 s after it was issued.
 */
public final class Tokens {

    /** Lifetime of iterators and pagination tokens, as in AWS. */
    public static final long TTL_MILLIS = 300_000;

    private static final ObjectMapper CBOR = new CBORMapper();

    private final SignedToken iterators;
    private final SignedToken listStreams;
    private final SignedToken listShards;

    public Tokens(String secret) {
        this.iterators = new SignedToken(secret, "shard-iterator");
        this.listStreams = new SignedToken(secret, "list-streams");
        this.listShards = new SignedToken(secret, "list-shards");
    }

    /** The next page of ListShards: the stream, the last shard listed and the filter. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    public record ListShardsPage(String streamName, String lastShardId, ShardFilter filter, long issuedAtMillis) {}

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record ListStreamsPage(String lastStreamName, long issuedAtMillis) {}

    public String iterator(ShardPosition position) {
        return iterators.seal(encode(position));
    }

    /** Opens a shard iterator; a forged or foreign one is invalid, an old one expired. */
    public ShardPosition openIterator(String token, long now) {
        byte[] payload = iterators.open(token);
        ShardPosition position = payload == null ? null : decode(payload, ShardPosition.class);
        if (position == null) {
            throw new InvalidArgumentException("Invalid ShardIterator.");
        }
        if (now - position.issuedAtMillis() > TTL_MILLIS) {
            throw new ExpiredIteratorException(
                    "Iterator expired. The iterator was created at time " + Instant.ofEpochMilli(position.issuedAtMillis())
                            + " while right now it is " + Instant.ofEpochMilli(now)
                            + " which is further in the future than the tolerated delay of " + TTL_MILLIS + " milliseconds.");
        }
        return position;
    }

    public String listStreams(String lastStreamName, long now) {
        return listStreams.seal(encode(new ListStreamsPage(lastStreamName, now)));
    }

    String openListStreams(String token, long now) {
        ListStreamsPage page = openPage(listStreams, token, ListStreamsPage.class);
        checkNotExpired(page.issuedAtMillis(), now);
        return page.lastStreamName();
    }

    public String listShards(ListShardsPage page) {
        return listShards.seal(encode(page));
    }

    ListShardsPage openListShards(String token, long now) {
        ListShardsPage page = openPage(listShards, token, ListShardsPage.class);
        checkNotExpired(page.issuedAtMillis(), now);
        return page;
    }

    private static <T> T openPage(SignedToken signer, String token, Class<T> type) {
        byte[] payload = signer.open(token);
        T page = payload == null ? null : decode(payload, type);
        if (page == null) {
            throw new InvalidArgumentException("Invalid NextToken.");
        }
        return page;
    }

    private static void checkNotExpired(long issuedAt, long now) {
        if (now - issuedAt > TTL_MILLIS) {
            throw new ExpiredNextTokenException("The NextToken has expired (older than 300 seconds).");
        }
    }

    private static byte[] encode(Object value) {
        try {
            return CBOR.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T decode(byte[] payload, Class<T> type) {
        try {
            return CBOR.readValue(payload, type);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
