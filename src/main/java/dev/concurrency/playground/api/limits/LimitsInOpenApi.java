package dev.concurrency.playground.api.limits;

import dev.concurrency.playground.config.ConfigDefaults;
import dev.concurrency.playground.config.HttpConfig;
import dev.concurrency.playground.config.IdempotencyConfig;
import dev.concurrency.playground.config.LimitsConfig;
import dev.concurrency.playground.config.RetentionConfig;
import dev.concurrency.playground.config.RunnerConfig;
import dev.concurrency.playground.config.StoreConfig;
import dev.concurrency.playground.strategy.StrategyCatalog;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Writes the configurable limits into the schemas when the build generates the OpenAPI document, from
 * the same definitions the service enforces (the {@code @WithDefault} values of the config mappings,
 * and the strategy catalog), so that no annotation repeats a number that can change without it.
 *
 * <p>Annotations cannot compute, so:
 * <ul>
 * <li>a schema description or example may say {@code {maxPlatformThreads}}, or any other field of
 * {@code GET /api/limits}, and gets that field's default;
 * <li>the maxima of {@code ExperimentRequest}'s numbers are set here, by field, and so is the length of
 * its strategy list, which is the size of the catalog: a new strategy changes it with nothing else to
 * edit.
 * </ul>
 * The document shows the defaults; an instance configured otherwise serves its own at
 * {@code GET /api/limits}. A placeholder or field that is not found fails the build rather than ship a
 * document with a hole in it.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class LimitsInOpenApi implements OASFilter {

    /** A name in braces; one that is not a field of the limits stays as it is unless it looks like one (max...). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final LimitsConfig limits = ConfigDefaults.of(LimitsConfig.class);
    private final Map<String, String> values = placeholderValues();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        schemas.values().forEach(this::fillIn);

        Schema request = schemas.get("ExperimentRequest");
        property(request, "strategies").setMaxItems(new StrategyCatalog().ids().size());
        property(request, "incrementsPerThread").setMaximum(BigDecimal.valueOf(limits.maxIncrementsPerThread()));
        property(request, "durationMillis").setMaximum(BigDecimal.valueOf(limits.maxDurationMillis()));
        property(request, "trials").setMaximum(BigDecimal.valueOf(limits.maxTrials()));
        property(request, "warmupTrials").setMaximum(BigDecimal.valueOf(limits.maxWarmupTrials()));
    }

    /** Every field of the served limits by name, e.g. {@code maxRuns -> 192}, as the defaults give them. */
    private Map<String, String> placeholderValues() {
        LimitsView defaults = LimitsView.of(limits, ConfigDefaults.of(RunnerConfig.class),
                ConfigDefaults.of(IdempotencyConfig.class), ConfigDefaults.of(StoreConfig.class),
                ConfigDefaults.of(RetentionConfig.class), ConfigDefaults.of(HttpConfig.class).maxBodySize().asLongValue());
        Map<String, String> byName = new HashMap<>();
        for (RecordComponent field : LimitsView.class.getRecordComponents()) {
            try {
                byName.put(field.getName(), String.valueOf(field.getAccessor().invoke(defaults)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + field.getName() + " of the limits", e);
            }
        }
        return byName;
    }

    private void fillIn(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getDescription() != null) {
            schema.setDescription(substitute(schema.getDescription()));
        }
        List<Object> examples = schema.getExamples();
        if (examples != null) {
            schema.setExamples(examples.stream().map(e -> e instanceof String s ? (Object) substitute(s) : e).toList());
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(this::fillIn);
        }
        fillIn(schema.getItems());
    }

    private String substitute(String text) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null && !placeholder.group(1).startsWith("max")) {
                value = placeholder.group();
            } else if (value == null) {
                throw new IllegalStateException("OpenAPI text names " + placeholder.group()
                        + ", which is not a field of GET /api/limits " + values.keySet() + ": " + text);
            }
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return placeholder.appendTail(filled).toString();
    }

    private static Schema property(Schema schema, String name) {
        Schema property = schema == null || schema.getProperties() == null ? null : schema.getProperties().get(name);
        if (property == null) {
            throw new IllegalStateException("the OpenAPI document has no ExperimentRequest." + name
                    + " to set the limit of; update " + LimitsInOpenApi.class.getName());
        }
        return property;
    }
}
