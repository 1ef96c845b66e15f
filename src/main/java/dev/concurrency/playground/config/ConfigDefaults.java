package dev.concurrency.playground.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The configuration a service started without any has: the {@code @WithDefault} values, read through
 * the real mappings by SmallRye Config rather than copied. For what must state the defaults outside the
 * running service, such as the OpenAPI document the build writes, and for tests.
 */
public final class ConfigDefaults {

    /** Every {@code playground.*} mapping; each is a concern that is injected on its own. */
    public static final List<Class<?>> MAPPINGS = List.of(LimitsConfig.class, RunnerConfig.class, StoreConfig.class, FleetConfig.class, RetentionConfig.class,
            HttpConfig.class, CorsConfig.class, SecurityConfig.class, IdempotencyConfig.class, EmbedConfig.class,
            BackendsConfig.class,
            PostgresqlBackendConfig.class);

    private ConfigDefaults() {
    }

    /** One mapping with its defaults, e.g. {@code of(LimitsConfig.class).maxPlatformThreads()}. */
    public static <T> T of(Class<T> mapping) {
        return with(Map.of()).getConfigMapping(mapping);
    }

    /**
     * Every mapping with its defaults, and the given properties (e.g. {@code "playground.limits.max-runs" -> "3"})
     * in their place. An unknown {@code playground.*} property is refused, so a misspelt one fails the test that sets it.
     */
    public static SmallRyeConfig with(Map<String, String> properties) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                // Quarkus's converters, so "10m" and "64K" mean what they mean to the service.
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "given", 500));
        MAPPINGS.forEach(builder::withMapping);
        return builder.build();
    }
}
