package io.sluice.common.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignedTokenTest {

    private final SignedToken iterators = new SignedToken("secret", "iterator");

    @Test
    void opensWhatItSealed() {
        byte[] payload = "shard-0:42".getBytes(StandardCharsets.UTF_8);
        assertThat(iterators.open(iterators.seal(payload))).isEqualTo(payload);
    }

    @Test
    void refusesTamperedForeignAndGarbageTokens() {
        String token = iterators.seal("shard-0:42".getBytes(StandardCharsets.UTF_8));
        char[] chars = token.toCharArray();
        chars[3] = chars[3] == 'A' ? 'B' : 'A';
        assertThat(iterators.open(new String(chars))).isNull();
        assertThat(new SignedToken("secret", "next-token").open(token)).isNull();
        assertThat(new SignedToken("other", "iterator").open(token)).isNull();
        assertThat(iterators.open("!!!")).isNull();
        assertThat(iterators.open("")).isNull();
    }
}
