package io.sluice.common.model;

/** UTF-8 sizes without encoding: what a partition key counts against Kinesis's byte limits. */
public final class Utf8 {

    private Utf8() {}

    /** The number of bytes {@code text} takes in UTF-8 (a surrogate pair: 4). */
    public static int length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
