package io.driftwatch.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text from alert configs and data cannot form Slack links or mentions. */
class SlackEscapingTest {
    @Test
    void mrkdwnEscapesAngleBracketsAndAmpersands() {
        assertThat(SlackNotifier.mrkdwn("<!channel> <http://evil|click> a&b"))
                .isEqualTo("&lt;!channel&gt; &lt;http://evil|click&gt; a&amp;b");
        assertThat(SlackNotifier.mrkdwn("<img src=x onerror=window.__xss=1>")).doesNotContain("<", ">");
        assertThat(SlackNotifier.mrkdwn(null)).isEqualTo("null");
    }
}
