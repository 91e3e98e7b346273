package io.driftwatch.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A routing wrapper must route every method of its port, including the default ones: a default inherited unrouted
 * answers for no backend (e.g. a new {@code writeLabels} default that throws "keeps no labels" would silently drop
 * every label of a routed server).
 */
class RoutingCoversEveryPortMethodTest {

    @ParameterizedTest
    @CsvSource({"RoutingTimeSeriesStore,TimeSeriesStore", "RoutingSampleStore,SampleStore",
            "RoutingEndpointStore,EndpointStore", "RoutingArtifactStore,ArtifactStore"})
    void everyPortMethodIsDeclaredByTheWrapper(String wrapper, String port) throws ClassNotFoundException {
        Class<?> w = Class.forName(getClass().getPackageName() + "." + wrapper);
        Class<?> p = portOf(port);
        List<String> missing = new ArrayList<>();
        for (Method m : p.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                w.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(m.getName() + Arrays.toString(m.getParameterTypes()));
            }
        }
        assertThat(missing).as(wrapper + " routes every method of " + port).isEmpty();
    }

    private static Class<?> portOf(String name) {
        return switch (name) {
            case "TimeSeriesStore" -> TimeSeriesStore.class;
            case "SampleStore" -> SampleStore.class;
            case "EndpointStore" -> EndpointStore.class;
            case "ArtifactStore" -> ArtifactStore.class;
            default -> EventStream.class;
        };
    }
}
