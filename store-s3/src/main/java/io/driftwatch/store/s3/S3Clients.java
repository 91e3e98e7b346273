package io.driftwatch.store.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 client: credentials from the standard chain ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY},
 * the {@code aws.*} system properties, {@code ~/.aws} profiles, container and instance roles), path-style access,
 * the endpoint of the option {@value #ENDPOINT} or {@code AWS_ENDPOINT_URL_S3}/{@code AWS_ENDPOINT_URL} when set (MinIO, Ceph, s3proxy: then checksums only where S3
 * requires them, as Content-MD5), the region from {@code AWS_REGION}/{@code AWS_DEFAULT_REGION}, the option {@value #REGION} or
 * {@value #DEFAULT_REGION}. Connect timeout 5 s, socket timeout 60 s, a call (with the SDK's retries) at most 5 min.
 */
final class S3Clients {
    /** The BackendContext option of {@code --s3-endpoint}. */
    static final String ENDPOINT = "s3-endpoint";
    /** The BackendContext option of the region (else the environment, else {@value #DEFAULT_REGION}). */
    static final String REGION = "s3-region";
    static final String DEFAULT_REGION = "us-east-1";

    private S3Clients() {
    }

    static S3Client open(String endpoint, String region) {
        S3ClientBuilder b = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMinutes(5))
                        .apiCallAttemptTimeout(Duration.ofMinutes(2)));
        if (endpoint != null && !endpoint.isBlank()) {
            b.endpointOverride(URI.create(endpoint.trim()))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .addPlugin(LegacyMd5Plugin.create()); // Content-MD5 on DeleteObjects, as most S3 clones expect
        }
        return b.build();
    }

    /**
     * The endpoint: the option {@value #ENDPOINT}, else the SDK's own variables {@code AWS_ENDPOINT_URL_S3},
     * {@code AWS_ENDPOINT_URL}; empty for AWS itself.
     */
    static String endpoint(String option, Map<String, String> env) {
        for (String v : new String[] {option, env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL")}) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return "";
    }

    /** The region: {@code option}, else {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, {@code aws.region}, else us-east-1. */
    static String region(String option, Map<String, String> env) {
        for (String v : new String[] {option, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"),
                System.getProperty("aws.region")}) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return DEFAULT_REGION;
    }
}
