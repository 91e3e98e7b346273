package io.driftwatch.stats.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON trees to plain Java values and back by a direct walk, for the statistics' maps (issue 17: these conversions
 * ran through Jackson's {@code TokenBuffer} once per analysed window in the app and once in the writer). The results
 * equal Jackson's default {@code convertValue(tree, Object)} and {@code valueToTree(value)}: objects as
 * {@link LinkedHashMap}, arrays as {@link ArrayList}, numbers as the node's own class ({@code Integer},
 * {@code Long}, {@code Double}, …), and back. Values of any other class make {@link #toTree} answer null (the
 * caller then uses Jackson). Not thread-confined; allocation is the result only.
 */
final class PlainJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PlainJson() {
    }

    /** The node as maps, lists, numbers, strings, booleans and nulls. */
    static Object toPlain(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                node.properties().forEach(e -> map.put(e.getKey(), toPlain(e.getValue())));
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(v -> list.add(toPlain(v)));
                yield list;
            }
            case NUMBER -> node.numberValue();
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NULL, MISSING -> null;
            default -> throw new IllegalArgumentException("not plain JSON: " + node.getNodeType());
        };
    }

    /** The value as a tree, or null when it holds a class other than maps, lists, boxed numbers and strings. */
    static JsonNode toTree(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case Map<?, ?> map -> {
                ObjectNode o = NODES.objectNode();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    JsonNode v = toTree(e.getValue());
                    if (!(e.getKey() instanceof String k) || v == null) {
                        yield null;
                    }
                    o.set(k, v);
                }
                yield o;
            }
            case List<?> list -> {
                ArrayNode a = NODES.arrayNode(list.size());
                for (Object item : list) {
                    JsonNode v = toTree(item);
                    if (v == null) {
                        yield null;
                    }
                    a.add(v);
                }
                yield a;
            }
            case Double d -> NODES.numberNode(d.doubleValue());
            case Long l -> NODES.numberNode(l.longValue());
            case Integer i -> NODES.numberNode(i.intValue());
            case String s -> NODES.textNode(s);
            case Boolean b -> NODES.booleanNode(b);
            default -> null;
        };
    }
}
