package io.sluice.common.connector.sink;

import java.io.Serializable;

/** Chooses a record's ExplicitHashKey (a decimal 0 … 2¹²⁸−1), overriding its partition key's hash; null: none. */
@FunctionalInterface
public interface ExplicitHashKeyGenerator<T> extends Serializable {

    String explicitHashKey(T element);
}
