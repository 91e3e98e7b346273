package io.driftwatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndpointIdTest {
    @Test
    void matchesTheDesignExample() {
        assertThat(EndpointId.of("my-proj", "my-proj/my-serving", "my-model", null))
                .isEqualTo("e355f3b2cea8fd6f23fefd4e80454e72be879efd");
    }

    @Test
    void tagAndVersionChangeTheId() {
        String base = EndpointId.of("p", "p/fn", "m", null);
        assertThat(EndpointId.of("p", "p/fn:v2", "m", null)).isNotEqualTo(base);
        assertThat(EndpointId.of("p", "p/fn", "m", "3")).isNotEqualTo(base);
        assertThat(EndpointId.of("p", "fn", "m", "latest")).isEqualTo(base);
    }
}
