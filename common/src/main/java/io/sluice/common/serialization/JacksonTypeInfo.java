package io.sluice.common.serialization;

/** Type information that makes Flink use a {@link JacksonSerializer} for an immutable record type. */
public final class JacksonTypeInfo {

    private JacksonTypeInfo() {}

    public static <T> SerializerTypeInfo<T> of(Class<T> type) {
        return SerializerTypeInfo.of(type, new JacksonSerializer<>(type));
    }
}
