package io.sluice.delivery.catalog;

import static io.sluice.delivery.DeliveryFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.http.CallRef;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.sluice.common.serialization.JacksonSerializer;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.common.wire.WireFormat;
import io.sluice.delivery.DeliveryFixtures;
import io.sluice.delivery.api.Action;
import io.sluice.delivery.api.BufferingHints;
import io.sluice.delivery.api.DataFormatConversion;
import io.sluice.delivery.api.ControlRequest;
import io.sluice.delivery.api.CreateDeliveryStreamRequest;
import io.sluice.delivery.api.DeliveryStreamType;
import io.sluice.delivery.api.DynamicPartitioning;
import io.sluice.delivery.api.Processing;
import io.sluice.delivery.api.KinesisStreamSource;
import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.api.Tag;
import io.sluice.delivery.api.UpdateDestinationRequest;
import io.sluice.delivery.catalog.state.CatalogTypes;
import io.sluice.delivery.convert.GlueSchema;
import io.sluice.delivery.s3.CompressionFormat;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The registry's types through the serializers the job gives them: the delivery streams in both operators' state and the
 * changes between them ({@link CatalogTypes}), the commands with their polymorphic request ({@code JacksonTypeInfo}). State of
 * the releases before {@link CatalogTypes} is Jackson/CBOR (version 1 of the catalog's format): the tests of what such
 * state without later members reads as go through that reader ({@link JacksonSerializer}).
 */
class CatalogSerializersTest {

    private static final CallRef REF = new CallRef(2, -5L, 77, WireFormat.CBOR);

    /** One request of each control action, as the router reads them. */
    private static final List<ControlRequest> EVERY_CONTROL_REQUEST = List.of(
            control(Action.CREATE_DELIVERY_STREAM, """
                    {"DeliveryStreamName": "clicks", "DeliveryStreamType": "DirectPut",
                     "ExtendedS3DestinationConfiguration": {"RoleARN": "arn:aws:iam::000000000000:role/firehose",
                       "BucketARN": "arn:aws:s3:::my-bucket", "Prefix": "y=!{timestamp:yyyy}/",
                       "ErrorOutputPrefix": "errors/!{firehose:error-output-type}/", "CompressionFormat": "Snappy",
                       "BufferingHints": {"SizeInMBs": 128, "IntervalInSeconds": 900}, "FileExtension": ".json.snappy",
                       "CustomTimeZone": "Europe/Paris"},
                     "Tags": [{"Key": "team", "Value": "web"}, {"Key": "empty", "Value": ""}]}"""),
            control(Action.CREATE_DELIVERY_STREAM, """
                    {"DeliveryStreamName": "plain", "S3DestinationConfiguration": {
                       "RoleARN": "arn:aws:iam::000000000000:role/firehose", "BucketARN": "arn:aws:s3:::my-bucket"}}"""),
            control(Action.CREATE_DELIVERY_STREAM, """
                    {"DeliveryStreamName": "to-http", "HttpEndpointDestinationConfiguration": {
                       "EndpointConfiguration": {"Url": "https://example.com/in", "Name": "intake", "AccessKey": "k"},
                       "RequestConfiguration": {"ContentEncoding": "GZIP", "CommonAttributes": [{"AttributeName": "a", "AttributeValue": "b"}]},
                       "RetryOptions": {"DurationInSeconds": 60}, "S3BackupMode": "AllData",
                       "S3Configuration": {"RoleARN": "arn:aws:iam::000000000000:role/firehose", "BucketARN": "arn:aws:s3:::backup"}}}"""),
            control(Action.CREATE_DELIVERY_STREAM, """
                    {"DeliveryStreamName": "backed-up", "ExtendedS3DestinationConfiguration": {
                       "RoleARN": "arn:aws:iam::000000000000:role/firehose", "BucketARN": "arn:aws:s3:::my-bucket", "S3BackupMode": "Enabled",
                       "S3BackupConfiguration": {"RoleARN": "arn:aws:iam::000000000000:role/firehose", "BucketARN": "arn:aws:s3:::copy"}}}"""),
            control(Action.CREATE_DELIVERY_STREAM, """
                    {"DeliveryStreamName": "from-stream", "DeliveryStreamType": "KinesisStreamAsSource",
                     "KinesisStreamSourceConfiguration": {"KinesisStreamARN": "arn:aws:kinesis:us-east-1:000000000000:stream/clicks",
                       "RoleARN": "arn:aws:iam::000000000000:role/firehose"},
                     "S3DestinationConfiguration": {
                       "RoleARN": "arn:aws:iam::000000000000:role/firehose", "BucketARN": "arn:aws:s3:::my-bucket"}}"""),
            control(Action.DELETE_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"clicks\", \"AllowForceDelete\": true}"),
            control(Action.DESCRIBE_DELIVERY_STREAM, """
                    {"DeliveryStreamName": "clicks", "Limit": 5, "ExclusiveStartDestinationId": "destinationId-000000000000"}"""),
            control(Action.LIST_DELIVERY_STREAMS, "{}"),
            control(Action.LIST_DELIVERY_STREAMS,
                    "{\"Limit\": 3, \"DeliveryStreamType\": \"DirectPut\", \"ExclusiveStartDeliveryStreamName\": \"b\"}"),
            control(Action.UPDATE_DESTINATION, """
                    {"DeliveryStreamName": "clicks", "CurrentDeliveryStreamVersionId": "7",
                     "DestinationId": "destinationId-000000000001",
                     "ExtendedS3DestinationUpdate": {"Prefix": "v2/", "BufferingHints": {"SizeInMBs": 2, "IntervalInSeconds": 0}}}"""),
            control(Action.TAG_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"clicks\", \"Tags\": [{\"Key\": \"k\", \"Value\": \"v\"}]}"),
            control(Action.UNTAG_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"clicks\", \"TagKeys\": [\"k\", \"l\"]}"),
            control(Action.LIST_TAGS_FOR_DELIVERY_STREAM,
                    "{\"DeliveryStreamName\": \"clicks\", \"Limit\": 2, \"ExclusiveStartTagKey\": \"a\"}"));

    @Test
    void deliveryStreamsRoundTripWithEveryMember() throws IOException {
        DeliveryStream stream = new DeliveryStream("clicks", "arn:aws:firehose:us-east-1:000000000000:deliverystream/clicks",
                DeliveryStreamStatus.ACTIVE, DeliveryStreamType.DirectPut, 3, 1_767_225_600_000L, 1_767_323_045_000L,
                new S3Destination(true, DeliveryFixtures.ROLE_ARN, "arn:aws:s3:::my-bucket", "y=!{timestamp:yyyy}/",
                        "errors/!{firehose:error-output-type}/", new BufferingHints(128, 0), CompressionFormat.HADOOP_SNAPPY,
                        ".hsnappy", "Asia/Tokyo"),
                List.of(new Tag("team", "web"), new Tag("empty", "")));
        assertThat(roundTrip(DeliveryStream.class, stream)).isEqualTo(stream);

        DeliveryStream plain = DeliveryFixtures.activeStream("plain", 1L,
                new S3Destination(false, DeliveryFixtures.ROLE_ARN, "arn:aws:s3:::b", null, null, BufferingHints.S3_DEFAULT,
                        CompressionFormat.UNCOMPRESSED, null, null)).withStatus(DeliveryStreamStatus.CREATING);
        assertThat(roundTrip(DeliveryStream.class, plain)).isEqualTo(plain);

        DeliveryStream fromStream = new DeliveryStream("from-stream", "arn:aws:firehose:us-east-1:000000000000:deliverystream/from-stream",
                DeliveryStreamStatus.ACTIVE, DeliveryStreamType.KinesisStreamAsSource, 1, 1_767_225_600_000L, 1_767_225_600_000L,
                plain.destination(), List.of())
                .withKinesisSource(new KinesisStreamSource("arn:aws:kinesis:us-east-1:000000000000:stream/clicks", DeliveryFixtures.ROLE_ARN));
        assertThat(roundTrip(DeliveryStream.class, fromStream)).isEqualTo(fromStream);
        assertThat(roundTrip(DeliveryStream.class, fromStream.withStatus(DeliveryStreamStatus.CREATING)).kinesisSource())
                .isEqualTo(fromStream.kinesisSource());
    }

    @Test
    void anHttpEndpointStreamRoundTripsAndStateWrittenBeforeHttpEndpointsStillReads() throws IOException {
        CreateDeliveryStreamRequest create = (CreateDeliveryStreamRequest) EVERY_CONTROL_REQUEST.get(2);
        DeliveryStream http = DeliveryStream.toHttpEndpoint("to-http", "arn:aws:firehose:us-east-1:000000000000:deliverystream/to-http",
                DeliveryStreamStatus.ACTIVE, DeliveryStreamType.DirectPut, 5L, create.httpEndpoint(), List.of());
        assertThat(roundTrip(DeliveryStream.class, http)).isEqualTo(http);

        DeliveryStream s3 = DeliveryFixtures.activeStream("old", 1L,
                DeliveryFixtures.destination("my-bucket", BufferingHints.S3_DEFAULT, CompressionFormat.GZIP));
        ObjectNode before = new CBORMapper().valueToTree(s3);
        before.remove("httpEndpoint");
        before.with("destination").remove("backup");
        DeliveryStream read = new JacksonSerializer<>(DeliveryStream.class).fromBytes(new CBORMapper().writeValueAsBytes(before));
        assertThat(read).isEqualTo(s3);
        assertThat(read.httpEndpoint()).isNull();
    }

    @Test
    void formatConversionsRoundTripWithTheirTablesColumns() throws IOException {
        DataFormatConversion.SchemaConfiguration table = new DataFormatConversion.SchemaConfiguration(DeliveryFixtures.ROLE_ARN,
                "123456789012", "analytics", "events", "us-east-1", "LATEST");
        List<GlueSchema.Column> columns = List.of(new GlueSchema.Column("id", "bigint"),
                new GlueSchema.Column("device", "struct<model:string,readings:array<double>>"));
        DataFormatConversion parquet = new DataFormatConversion(true,
                new DataFormatConversion.OpenXJsonSerDe(false, Map.of("ts", "timestamp"), true), null,
                new DataFormatConversion.ParquetSerDe("GZIP", 134_217_728, 1_048_576, false, 0, "V2"), null, table, columns);
        DataFormatConversion orc = new DataFormatConversion(true, null,
                new DataFormatConversion.HiveJsonSerDe(List.of("millis", "yyyy-MM-dd")), null,
                new DataFormatConversion.OrcSerDe("ZLIB", 8_388_608, 67_108_864, 1000, true, List.of("id"), "V0_11"), table, columns);
        for (DataFormatConversion conversion : List.of(parquet, orc)) {
            DeliveryStream stream = DeliveryFixtures.activeStream("converted", 1L,
                    DeliveryFixtures.destination("my-bucket", new BufferingHints(64, 0), CompressionFormat.UNCOMPRESSED)
                            .withConversion(conversion));
            assertThat(roundTrip(DeliveryStream.class, stream)).isEqualTo(stream);
        }
    }

    @Test
    void dynamicPartitioningRoundTripsAndStateWrittenBeforeItReadsAsDisabled() throws IOException {
        S3Destination partitioned = new S3Destination(true, DeliveryFixtures.ROLE_ARN, "arn:aws:s3:::my-bucket",
                "k=!{partitionKeyFromQuery:k}/", "e/!{firehose:error-output-type}/", new BufferingHints(64, 60),
                CompressionFormat.GZIP, null, null, new Processing(true, List.of(new Processing.Processor(
                        Processing.Type.MetadataExtraction, Map.of("MetadataExtractionQuery", "{k: .k}", "JsonParsingEngine", "JQ-1.6")))),
                null, null, new DynamicPartitioning(true, 120));
        assertThat(roundTrip(S3Destination.class, partitioned)).isEqualTo(partitioned);

        JacksonSerializer<S3Destination> serializer = new JacksonSerializer<>(S3Destination.class);
        ObjectMapper cbor = new CBORMapper();
        ObjectNode older = (ObjectNode) cbor.readTree(serializer.toBytes(partitioned));
        older.remove("dynamicPartitioning");
        assertThat(serializer.fromBytes(cbor.writeValueAsBytes(older)).dynamicPartitioning()).isEqualTo(DynamicPartitioning.DISABLED);
    }

    @Test
    void changesRoundTripWithAStreamAndWithout() throws IOException {
        DeliveryStreamChange created = new DeliveryStreamChange("clicks", DeliveryFixtures.activeStream("clicks", 5L,
                DeliveryFixtures.destination("my-bucket", BufferingHints.S3_DEFAULT, CompressionFormat.ZIP)));
        assertThat(roundTrip(DeliveryStreamChange.class, created)).isEqualTo(created);
        DeliveryStreamChange deleted = new DeliveryStreamChange("clicks", null);
        assertThat(roundTrip(DeliveryStreamChange.class, deleted)).isEqualTo(deleted);
    }

    @Test
    void commandsRoundTripWithEveryKindOfControlRequest() throws IOException {
        Set<Class<?>> covered = new HashSet<>();
        for (ControlRequest request : EVERY_CONTROL_REQUEST) {
            RegistryCommand back = roundTrip(RegistryCommand.class, new RegistryCommand(REF, 1_767_323_045_123L, request));
            assertThat(back.ref()).isEqualTo(REF);
            assertThat(back.receivedAtMillis()).isEqualTo(1_767_323_045_123L);
            assertThat(back.request()).isInstanceOf(request.getClass());
            if (request instanceof UpdateDestinationRequest update) {
                assertSameUpdate((UpdateDestinationRequest) back.request(), update);
            } else {
                assertThat(back.request()).isEqualTo(request);
            }
            covered.add(request.getClass());
        }
        assertThat(covered).as("every ControlRequest type").containsExactlyInAnyOrder(ControlRequest.class.getPermittedSubclasses());
    }

    /** An update carries its member's raw bytes (a record compares arrays by identity): compare member by member. */
    private static void assertSameUpdate(UpdateDestinationRequest back, UpdateDestinationRequest sent) {
        assertThat(back.name()).isEqualTo(sent.name());
        assertThat(back.currentVersionId()).isEqualTo("7");
        assertThat(back.destinationId()).isEqualTo(sent.destinationId());
        assertThat(back.update()).isEqualTo(sent.update());
        assertThat(back.format()).isEqualTo(WireFormat.JSON);
        assertThat(back.extended()).isTrue();
        S3Destination current = DeliveryFixtures.destination("my-bucket", BufferingHints.S3_DEFAULT, CompressionFormat.GZIP);
        assertThat(back.applyTo(current)).isEqualTo(new S3Destination(true, DeliveryFixtures.ROLE_ARN, "arn:aws:s3:::my-bucket", "v2/",
                null, new BufferingHints(2, 0), CompressionFormat.GZIP, null, null));
    }

    /** Through the serializer the job's type information makes, as state and network records go. */
    private static <T> T roundTrip(Class<T> type, T value) throws IOException {
        TypeSerializer<T> serializer = typeInfo(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = serializer.deserialize(in);
        assertThat(in.available()).as("trailing bytes").isZero();
        return back;
    }

    @SuppressWarnings("unchecked")
    private static <T> TypeInformation<T> typeInfo(Class<T> type) {
        if (type == DeliveryStream.class) {
            return (TypeInformation<T>) CatalogTypes.DELIVERY_STREAM;
        }
        if (type == DeliveryStreamChange.class) {
            return (TypeInformation<T>) CatalogTypes.DELIVERY_STREAM_CHANGE;
        }
        return JacksonTypeInfo.of(type);
    }

    private static ControlRequest control(Action action, String json) {
        return (ControlRequest) read(action, json);
    }
}
