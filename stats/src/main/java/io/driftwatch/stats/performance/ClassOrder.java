package io.driftwatch.stats.performance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * How class labels become keys and in which order classes are listed (scikit-learn's {@code unique_labels}: sorted).
 * A label is a string key: an integral number prints as a long ({@code 1.0 → "1"}), another number as Java prints
 * it, a boolean as {@code true}/{@code false}, a string as it is; null stays null (unlabelled). Classes sort
 * numerically when every key parses as a number, else lexicographically (UTF-16 order, like Python's for ASCII).
 */
public final class ClassOrder {
    private ClassOrder() {
    }

    /** The key of a label value; null for null or NaN. */
    public static String key(Object value) {
        return switch (value) {
            case null -> null;
            case Double d when d.isNaN() -> null;
            case Float f when f.isNaN() -> null;
            case Double d when d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15 -> Long.toString(d.longValue());
            case Float f when f == Math.rint(f) && !f.isInfinite() -> Long.toString(f.longValue());
            case Number n -> n.toString();
            case Boolean b -> b.toString().toLowerCase(Locale.ROOT);
            default -> value.toString();
        };
    }

    /** The distinct non-null keys of the given collections, sorted as documented above. */
    @SafeVarargs
    public static List<String> sorted(Collection<String>... labels) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (Collection<String> c : labels) {
            for (String s : c) {
                if (s != null) {
                    all.add(s);
                }
            }
        }
        List<String> out = new ArrayList<>(all);
        boolean numeric = out.stream().allMatch(ClassOrder::isNumber);
        out.sort(numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder());
        return out;
    }

    private static boolean isNumber(String s) {
        try {
            return !Double.isNaN(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
