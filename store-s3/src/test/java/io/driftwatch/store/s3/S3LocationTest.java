package io.driftwatch.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.port.StreamPartition;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing {@code s3://bucket/prefix}, the key scheme and the region lookup (no S3 needed). */
class S3LocationTest {
    private static final Instant T = Instant.parse("2026-03-01T23:15:00Z");

    @Test
    void bucketAndPrefixComeFromTheUriWithoutSlashesAtTheEnds() {
        S3Location l = S3Location.of(BackendUri.parse("s3://my-bucket/a/b/"));
        assertThat(l.bucket()).isEqualTo("my-bucket");
        assertThat(l.base()).isEqualTo("a/b/");
        assertThat(S3Location.of(BackendUri.parse("s3://my_bucket")).base()).isEmpty();
        assertThat(S3Location.of(BackendUri.parse("S3://b//x")).base()).isEqualTo("x/");
        assertThatThrownBy(() -> S3Location.of(BackendUri.parse("s3:///prefix")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucket");
    }

    @Test
    void objectNamesCarryEndpointHourPartitionAndOffsetRange() {
        SampleKeys keys = new SampleKeys("pre/");
        assertThat(keys.object("p", "u1", T, new StreamPartition("monitoring_stream_p", 7), 100, 250))
                .isEqualTo("pre/projects/p/model-endpoints/parquet/key=u1/year=2026/month=03/day=01/hour=23/"
                        + "part-monitoring_stream_p-7-100-250.parquet");
        assertThat(keys.offset(StreamPartition.SINGLE)).isEqualTo("pre/offsets/log/0.json");
        assertThat(keys.pending(StreamPartition.SINGLE)).isEqualTo("pre/offsets/log/0.pending.json");
        assertThat(SampleKeys.hourOf(keys.object("p", "u1", T, StreamPartition.SINGLE, 0, 1)))
                .contains(Instant.parse("2026-03-01T23:00:00Z"));
        assertThat(SampleKeys.hourOf("pre/offsets/log/0.json")).isEmpty();
        assertThatThrownBy(() -> keys.endpoint("p", "../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortWindowsListHourFoldersLongerOnesDayFoldersVeryLongOnesTheEndpoint() {
        SampleKeys keys = new SampleKeys("");
        String ep = "projects/p/model-endpoints/parquet/key=u/";
        assertThat(keys.listPrefixes("p", "u", T, T.plus(Duration.ofMinutes(50)))).containsExactly(
                ep + "year=2026/month=03/day=01/hour=23/", ep + "year=2026/month=03/day=02/hour=00/");
        assertThat(keys.listPrefixes("p", "u", T, T.plus(Duration.ofHours(30)))).containsExactly(
                ep + "year=2026/month=03/day=01/", ep + "year=2026/month=03/day=02/", ep + "year=2026/month=03/day=03/");
        assertThat(keys.listPrefixes("p", "u", T, T.plus(Duration.ofDays(100)))).containsExactly(ep);
        assertThat(keys.listPrefixes("p", "u", T, T)).isEmpty();
    }

    @Test
    void theRegionIsTheOptionThenTheEnvironmentThenTheDefault() {
        assertThat(S3Clients.region("eu-west-3", Map.of("AWS_REGION", "us-west-2"))).isEqualTo("eu-west-3");
        assertThat(S3Clients.region(null, Map.of("AWS_REGION", "us-west-2"))).isEqualTo("us-west-2");
        assertThat(S3Clients.region("", Map.of("AWS_DEFAULT_REGION", "ap-south-1"))).isEqualTo("ap-south-1");
        if (System.getProperty("aws.region") == null) {
            assertThat(S3Clients.region(null, Map.of())).isEqualTo("us-east-1");
        }
    }

    @Test
    void theEndpointIsTheOptionThenTheSdkVariables() {
        assertThat(S3Clients.endpoint("http://a:1", Map.of("AWS_ENDPOINT_URL", "http://b:2"))).isEqualTo("http://a:1");
        assertThat(S3Clients.endpoint(null, Map.of("AWS_ENDPOINT_URL_S3", "http://c:3", "AWS_ENDPOINT_URL",
                "http://b:2"))).isEqualTo("http://c:3");
        assertThat(S3Clients.endpoint(" ", Map.of("AWS_ENDPOINT_URL", "http://b:2"))).isEqualTo("http://b:2");
        assertThat(S3Clients.endpoint(null, Map.of())).isEmpty();
    }
}
