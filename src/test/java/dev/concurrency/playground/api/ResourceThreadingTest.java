package dev.concurrency.playground.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concurrency.playground.api.comparison.ComparisonResource;
import dev.concurrency.playground.api.experiment.ExperimentEventsResource;
import dev.concurrency.playground.api.experiment.ExperimentResource;
import dev.concurrency.playground.api.experiment.JmhExportResource;
import dev.concurrency.playground.api.limits.LimitsResource;
import dev.concurrency.playground.api.strategy.StrategyResource;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HttpMethod;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RESTEasy Reactive runs a resource method that returns a {@code Uni} or {@code Multi} on the event loop
 * unless it is {@code @Blocking}. Every resource here reads the store, which may be a database: on the
 * event loop, one slow query would stall every other request. (It did: submissions with a database
 * behind them ran there, and each one held up the others.)
 */
class ResourceThreadingTest {

    @Test
    void everyReactiveResourceMethodRunsOnAWorkerThread() {
        List<String> onTheEventLoop = new ArrayList<>();
        for (Class<?> resource : List.of(ComparisonResource.class, ExperimentResource.class, ExperimentEventsResource.class, JmhExportResource.class,
                LimitsResource.class, StrategyResource.class)) {
            for (Method method : resource.getDeclaredMethods()) {
                boolean endpoint = Arrays.stream(method.getAnnotations())
                        .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
                boolean reactive = Uni.class.isAssignableFrom(method.getReturnType())
                        || Multi.class.isAssignableFrom(method.getReturnType());
                if (endpoint && reactive && !method.isAnnotationPresent(Blocking.class)) {
                    onTheEventLoop.add(resource.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertEquals(List.of(), onTheEventLoop, "reactive endpoints without @Blocking");
    }
}
