package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.delivery.DeliveryOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;

/**
 * Direct PUT quotas per delivery stream, as the AWS SDK sees them: a call over the quota is refused
 * whole with ServiceUnavailableException (which the SDK would retry; this client does not), and the
 * other delivery streams are not affected.
 */
class FirehoseQuotaITCase {


    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension FIREHOSE = SluiceExtension.firehoseWithLocalBuckets(conf -> {
        conf.set(DeliveryOptions.QUOTA_RECORDS_PER_SECOND, 10L);
    });


    @Test
    void aBatchOverTheRecordQuotaIsRefusedWholeWithServiceUnavailable() {
        try (FirehoseClient firehose = FirehoseClients.withoutRetries(FIREHOSE.endpoint())) {
            FirehoseLocalDeliveryITCase.createS3Stream(firehose, "limited", "quota-bucket", 1, 60, "UNCOMPRESSED");
            FirehoseLocalDeliveryITCase.createS3Stream(firehose, "neighbour", "quota-bucket", 1, 60, "UNCOMPRESSED");
            assertThatThrownBy(() -> firehose.putRecordBatch(b -> b.deliveryStreamName("limited").records(records(11))))
                    .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Slow down.");
                    });
            assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName("limited").records(records(10))).failedPutCount()).isZero();
            assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName("neighbour").records(records(10))).failedPutCount()).isZero();
        }
    }

    private static List<Record> records(int n) {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(Record.builder().data(SdkBytes.fromUtf8String("r" + i)).build());
        }
        return records;
    }
}
