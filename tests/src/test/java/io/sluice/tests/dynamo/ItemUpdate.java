package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** The changes one UpdateItem makes: an UpdateExpression, legacy AttributeUpdates, or nothing. */
interface ItemUpdate {

    ItemUpdate NONE = new ItemUpdate() {
        @Override
        public Set<String> attributeNames() {
            return Set.of();
        }

        @Override
        public boolean createsItem() {
            return true;
        }

        @Override
        public void apply(ObjectNode item) {}
    };

    /** The top-level attributes the update touches (for key checks and UPDATED_OLD / UPDATED_NEW). */
    Set<String> attributeNames();

    /** Whether an update of an absent item creates it. */
    boolean createsItem();

    /** Applies the changes to {@code item} in place. */
    void apply(ObjectNode item);
}
