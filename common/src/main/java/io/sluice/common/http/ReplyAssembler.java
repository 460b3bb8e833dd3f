package io.sluice.common.http;

import java.io.Serializable;
import java.util.List;

/** Joins the parts of a multi-part answer into the final reply; one implementation per service. */
public interface ReplyAssembler extends Serializable {

    /**
     * @param ref the call
     * @param partKind the kind the parts declared
     * @param parts every part's body, in arrival order
     * @return the final reply
     */
    ApiReply assemble(CallRef ref, String partKind, List<byte[]> parts);
}
