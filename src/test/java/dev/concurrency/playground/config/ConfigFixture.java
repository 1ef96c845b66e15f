package dev.concurrency.playground.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * The service's real configuration mapping, built without Quarkus: every default is the one
 * {@link PlaygroundConfig} declares, so a plain unit test reads limits from the same single source as
 * the running service instead of copying numbers, and may override a few.
 */
public final class ConfigFixture {

    private ConfigFixture() {
    }

    /** The defaults, as a service started with no configuration has them. */
    public static PlaygroundConfig defaults() {
        return with(Map.of());
    }

    /** The defaults with some properties overridden, e.g. {@code "playground.limits.max-runs" -> "3"}. */
    public static PlaygroundConfig with(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(PlaygroundConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(PlaygroundConfig.class);
    }
}
