package io.driftwatch.stream.kafka;

import io.driftwatch.engine.backend.BackendUri;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The settings of a {@link KafkaEventStream}: the bootstrap servers of {@code kafka://host:port[,host:port]}, the
 * options {@value #PARTITIONS} (default 8), {@value #REPLICATION} (default min(3, brokers)), {@value #TIMEOUT_MS}
 * (how long an append may wait for the broker's acknowledgement, default 5,000 ms), {@value #QUEUE_RECORDS} (records
 * fetched ahead per partition, default 10,000), and every option {@code kafka.*} passed to the clients with the prefix
 * stripped ({@code kafka.security.protocol}, {@code kafka.sasl.jaas.config}, …). Other options are not the clients'.
 * The URI may name a topic prefix, {@code kafka://host:port?topic_prefix=team_a_}: the project's topic is then
 * {@code team_a_{project}} instead of {@code monitoring_stream_{project}} (two deployments, or two credential sets, on one
 * broker keep their topics apart); any other query parameter is refused (MLRun refuses a custom topic too).
 * {@link #toString()} masks every value whose key names a password, secret or JAAS config.
 */
final class KafkaSettings {
    static final String PARTITIONS = "kafka-partitions";
    static final String REPLICATION = "kafka-replication-factor";
    static final String TIMEOUT_MS = "kafka-timeout-ms";
    static final String QUEUE_RECORDS = "kafka-queue-records";
    static final String CLIENT_PREFIX = "kafka.";
    static final String TOPIC_PREFIX = "monitoring_stream_";
    /** The query parameter of {@code kafka://host:port?topic_prefix=…}. */
    static final String TOPIC_PREFIX_PARAM = "topic_prefix";
    private static final Pattern TOPIC_CHARS = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    /** The topics of tracking events: {@code monitoring_stream_{project}}, not the {@code _apps}/{@code _writer} ones. */
    static final Pattern EVENT_TOPICS = Pattern.compile("monitoring_stream_(?!.*_(apps|writer)$)[A-Za-z0-9._-]+");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|jaas|token|key\\.pass).*");

    final String bootstrap;
    final int partitions;
    final int replication;
    final Duration timeout;
    final int queueRecords;
    final Map<String, String> client;
    /** The prefix of the project topics: {@value #TOPIC_PREFIX} unless the URI names another. */
    final String topicPrefix;
    /** This stream's event topics: {@code {topicPrefix}{project}}, not the {@code _apps}/{@code _writer} ones. */
    final Pattern eventTopics;

    KafkaSettings(String bootstrap, int partitions, int replication, Duration timeout, int queueRecords,
                  Map<String, String> client) {
        this(bootstrap, TOPIC_PREFIX, partitions, replication, timeout, queueRecords, client);
    }

    KafkaSettings(String bootstrap, String topicPrefix, int partitions, int replication, Duration timeout,
                  int queueRecords, Map<String, String> client) {
        if (bootstrap.isBlank()) {
            throw new IllegalArgumentException("kafka:// needs host:port[,host:port]");
        }
        if (!TOPIC_CHARS.matcher(topicPrefix).matches()) {
            throw new IllegalArgumentException("topic_prefix must be 1-200 of [A-Za-z0-9._-]: " + topicPrefix);
        }
        this.topicPrefix = topicPrefix;
        this.eventTopics = Pattern.compile(Pattern.quote(topicPrefix) + "(?!.*_(apps|writer)$)[A-Za-z0-9._-]+");
        this.bootstrap = bootstrap;
        this.partitions = partitions;
        this.replication = replication;
        this.timeout = timeout;
        this.queueRecords = queueRecords;
        this.client = Map.copyOf(client);
    }

    /** Parses {@code kafka://host:port[,host:port][/][?topic_prefix=…]} and the options. */
    static KafkaSettings of(BackendUri uri, Map<String, String> options) {
        String v = uri.secretValue();
        String rest = v.substring(v.indexOf("://") + 3);
        int end = indexOfAny(rest, "/?#");
        Map<String, String> client = new HashMap<>();
        options.forEach((k, val) -> {
            if (k.startsWith(CLIENT_PREFIX) && k.length() > CLIENT_PREFIX.length()) {
                client.put(k.substring(CLIENT_PREFIX.length()), val);
            }
        });
        return new KafkaSettings(end < 0 ? rest : rest.substring(0, end), topicPrefix(v),
                Integer.parseInt(options.getOrDefault(PARTITIONS, "8")),
                Integer.parseInt(options.getOrDefault(REPLICATION, "0")),
                Duration.ofMillis(Long.parseLong(options.getOrDefault(TIMEOUT_MS, "5000"))),
                Integer.parseInt(options.getOrDefault(QUEUE_RECORDS, "10000")), client);
    }

    /** The {@value #TOPIC_PREFIX_PARAM} of the URI's query, {@value #TOPIC_PREFIX} without one. */
    static String topicPrefix(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return TOPIC_PREFIX;
        }
        String query = uri.substring(q + 1);
        int hash = query.indexOf('#');
        query = hash < 0 ? query : query.substring(0, hash);
        String prefix = TOPIC_PREFIX;
        for (String param : query.split("&")) {
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            if (param.isEmpty()) {
                continue;
            }
            if (!name.equals(TOPIC_PREFIX_PARAM)) {
                throw new IllegalArgumentException("kafka:// takes only ?" + TOPIC_PREFIX_PARAM + "=… (topics are "
                        + "{prefix}{project}), not '" + BackendUri.mask(name) + "'");
            }
            prefix = eq < 0 ? "" : param.substring(eq + 1);
        }
        return prefix;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The topic of {@code project}'s tracking events with the default prefix. */
    static String topic(String project) {
        return topic(TOPIC_PREFIX, project);
    }

    /** The topic of {@code project}'s tracking events on this stream: {@code {topicPrefix}{project}}. */
    String topicOf(String project) {
        return topic(topicPrefix, project);
    }

    /** The project whose events topic {@code topic} is on this stream, or null when it is none. */
    String projectOf(String topic) {
        return eventTopics.matcher(topic).matches() ? topic.substring(topicPrefix.length()) : null;
    }

    private static String topic(String prefix, String project) {
        String t = prefix + project;
        if (!t.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("project name not usable in a Kafka topic name: " + project);
        }
        return t;
    }

    private Properties common() {
        Properties p = new Properties();
        p.putAll(client);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }

    Properties admin() {
        Properties p = common();
        p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return p;
    }

    /** acks=all and idempotence are not overridable; the append bound is {@link #timeout}. */
    Properties producer() {
        Properties p = common();
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() + 100);
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** A consumer of group {@code group}, or without a group (assigned partitions only) when null. */
    Properties consumer(String group) {
        Properties p = common();
        p.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        } else {
            p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        }
        return p;
    }

    /** The replication factor for a cluster of {@code brokers} brokers. */
    short replicationFor(int brokers) {
        return (short) (replication > 0 ? replication : Math.max(1, Math.min(3, brokers)));
    }

    /** The bootstrap servers and client keys, secrets masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new HashMap<>();
        client.forEach((k, v) -> shown.put(k, SECRET_KEY.matcher(k.toLowerCase(Locale.ROOT)).matches() ? "***" : v));
        return BackendUri.mask("kafka://" + bootstrap)
                + (topicPrefix.equals(TOPIC_PREFIX) ? "" : "?" + TOPIC_PREFIX_PARAM + "=" + topicPrefix) + (shown.isEmpty() ? "" : " " + shown);
    }
}
