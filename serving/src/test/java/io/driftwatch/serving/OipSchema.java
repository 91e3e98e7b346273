package io.driftwatch.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** The published OIP v2 REST schemas (test resource oip/rest_predict_v2.yaml), by component name. */
final class OipSchema {
    private static final JsonNode DOC = load();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    private OipSchema() {
    }

    private static JsonNode load() {
        try (InputStream in = OipSchema.class.getResourceAsStream("/oip/rest_predict_v2.yaml")) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The violations of {@code body} against {@code #/components/schemas/{component}}. */
    static Set<ValidationMessage> violations(String component, JsonNode body) {
        if (!DOC.path("components").path("schemas").has(component)) {
            throw new IllegalArgumentException("no schema " + component);
        }
        ObjectNode root = DOC.deepCopy();
        root.remove("paths");
        root.put("$ref", "#/components/schemas/" + component);
        JsonSchema schema = FACTORY.getSchema(root);
        return schema.validate(body);
    }
}
