package io.sluice.common.http;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.metrics.MetricGroup;

/** Joins the parts of a multi-part answer into the final reply; one implementation per service. */
public interface ReplyAssembler extends Serializable {

    /** Called once when the response sink starts, with its metric group (for request-level metrics). */
    default void open(MetricGroup metrics) {}

    /**
     * @param ref the call
     * @param partKind the kind the parts declared
     * @param parts every part's body, in arrival order
     * @return the final reply
     */
    ApiReply assemble(CallRef ref, String partKind, List<byte[]> parts);
}
