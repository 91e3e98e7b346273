package io.driftwatch.engine.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.secret.SecretBox;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Encrypts the secrets of a stored alert document (webhook {@code url} and header values, Slack {@code webhook},
 * SMTP {@code password}) on the way into the alert store and decrypts them on the way out, so the store only holds
 * {@code enc:v1:} text (plaintext documents of older versions are read as they are).
 */
final class StoredSecrets {
    private StoredSecrets() {
    }

    /** The stored text of {@code c}: its unmasked document with every secret encrypted by {@code box}. */
    static String seal(AlertConfig c, SecretBox box) {
        ObjectNode doc = AlertConfigJson.toJson(c, false);
        apply(doc, box::encrypt);
        return doc.toString();
    }

    /** A stored document read back with every secret decrypted. */
    static AlertConfig open(String project, String name, String json, SecretBox box) {
        JsonNode doc;
        try {
            doc = AlertConfigJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alert config " + project + "/" + name + " is damaged", e);
        }
        if (doc instanceof ObjectNode o) {
            apply(o, box::decrypt);
        }
        return AlertConfigJson.parse(project, name, doc);
    }

    private static void apply(ObjectNode doc, UnaryOperator<String> f) {
        for (JsonNode n : doc.path("notifications")) {
            if (!(n.get("params") instanceof ObjectNode p)) {
                continue;
            }
            for (String key : List.of("url", "webhook", "password")) {
                if (p.get(key) != null && p.get(key).isTextual()) {
                    p.put(key, f.apply(p.get(key).asText()));
                }
            }
            if (p.get("headers") instanceof ObjectNode h) {
                List<String> names = new ArrayList<>();
                h.fieldNames().forEachRemaining(names::add);
                for (String header : names) {
                    h.put(header, f.apply(h.get(header).asText()));
                }
            }
        }
    }
}
