package dev.concurrency.playground.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.concurrency.playground.api.limits.FixedLimits;
import dev.concurrency.playground.api.limits.LimitsView;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.strategy.StrategyCatalog;
import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings.ConfigClass;
import io.smallrye.config.ConfigMappings;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every configurable limit is defined once, by the {@code @WithDefault} of its mapping; everything
 * else that states it, and that a reader or an operator goes by, must agree, and these tests fail as
 * soon as one of them does not: {@code application.properties} (which must not repeat a default), the
 * Kubernetes ConfigMap, the README's table of settings, and the committed OpenAPI document (its schema
 * maxima and examples, and the {@code /api/limits} example). The defaults are read through the real
 * mappings by SmallRye Config, as the service reads them.
 */
class ConfigDefinitionsTest {

    /** Every {@code playground.*} property the mappings declare, with its default ({@code null}: none). */
    private static Map<String, String> definitions() {
        Map<String, String> definitions = new TreeMap<>();
        for (Class<?> mapping : ConfigDefaults.MAPPINGS) {
            for (Map.Entry<String, Property> property : ConfigMappings.getProperties(ConfigClass.configClass(mapping)).entrySet()) {
                Property p = property.getValue();
                if (p.isLeaf() || p.isPrimitive() || p.isOptional() || p.isCollection()) {
                    // A list is named "allowed-origins[*]"; it is set as one comma-separated value.
                    definitions.put(property.getKey().replace("[*]", ""), p.hasDefaultValue() ? p.getDefaultValue() : null);
                }
            }
        }
        return definitions;
    }

    /** The environment variable SmallRye Config reads for a property: upper case, other characters {@code _}. */
    private static String environmentVariable(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static Properties applicationProperties() throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(Path.of("src/main/resources/application.properties"))));
        return properties;
    }

    @Test
    void theMappingsDeclareEverySettingTheReadmeAndConfigMapKnow() {
        Map<String, String> definitions = definitions();
        // A sanity check of the reading itself, so the comparisons below cannot pass by reading nothing.
        assertEquals("256", definitions.get("playground.limits.max-platform-threads"), definitions.toString());
        assertTrue(definitions.containsKey("playground.security.api-key"), definitions.toString());
        assertEquals(ConfigDefaults.of(LimitsConfig.class).maxPlatformThreads(),
                Integer.parseInt(definitions.get("playground.limits.max-platform-threads")));
    }

    @Test
    void applicationPropertiesRepeatsNoDefault() throws Exception {
        List<String> repeated = applicationProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("playground.")).sorted().toList();
        assertEquals(List.of(), repeated, "application.properties sets playground.* settings; their defaults belong "
                + "to the @WithDefault of their mapping in config/, and a second copy drifts");
    }

    /**
     * The settings the Kubernetes deployment changes on purpose: its replicas share one queue, which only
     * the PostgreSQL store can hold.
     */
    private static final Map<String, String> FLEET_DEPLOYMENT = Map.of("PLAYGROUND_STORE_KIND", "postgresql");

    @Test
    void theConfigMapSetsKnownSettingsToTheirDefaults() throws Exception {
        Map<String, String> byVariable = new TreeMap<>();
        definitions().forEach((property, value) -> byVariable.put(environmentVariable(property), value));
        JsonNode configMap = null;
        YAMLMapper yaml = new YAMLMapper();
        try (var parser = yaml.getFactory().createParser(Files.newInputStream(Path.of("src/main/kubernetes/kubernetes.yml")))) {
            for (JsonNode document : yaml.readValues(parser, JsonNode.class).readAll()) {
                if (document.path("kind").asText().equals("ConfigMap")) {
                    configMap = document;
                }
            }
        }
        assertNotNull(configMap, "src/main/kubernetes/kubernetes.yml holds the ConfigMap of limits");
        assertFalse(configMap.path("data").isEmpty(), "the ConfigMap sets something");
        List<String> wrong = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = configMap.path("data").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().startsWith("QUARKUS_DATASOURCE_POSTGRESQL_")) {
                continue; // where the fleet's database is: Quarkus's own setting, with no default to state
            }
            if (FLEET_DEPLOYMENT.containsKey(entry.getKey())) {
                if (!FLEET_DEPLOYMENT.get(entry.getKey()).equals(entry.getValue().asText())) {
                    wrong.add(entry.getKey() + " must be " + FLEET_DEPLOYMENT.get(entry.getKey()) + " for the fleet");
                }
                continue;
            }
            if (!byVariable.containsKey(entry.getKey())) {
                wrong.add(entry.getKey() + " is no setting's environment variable (a typo is silently ignored)");
            } else if (!entry.getValue().asText().equals(byVariable.get(entry.getKey()))) {
                wrong.add(entry.getKey() + " is " + entry.getValue().asText() + " but the default is "
                        + byVariable.get(entry.getKey()));
            }
        }
        assertEquals(List.of(), wrong, "the ConfigMap states the defaults for an operator to change; it must not "
                + "change them by itself");
    }

    private static final Pattern SETTING_ROW =
            Pattern.compile("^\\| `([a-z.-]+)` \\(`([A-Z0-9_]+)`\\)[^|]* \\| ([^|]+?) \\|$");

    /** The README's table of settings: property -> [environment variable, default]. */
    private static Map<String, List<String>> readmeSettings() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int header = lines.indexOf("| setting (environment variable) | default |");
        assertTrue(header >= 0, "the README has its table of settings");
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            Matcher row = SETTING_ROW.matcher(line);
            assertTrue(row.matches(), "a row of the settings table reads | `property` (`VARIABLE`): what | default |: " + line);
            rows.put(row.group(1), List.of(row.group(2), row.group(3)));
        }
        return rows;
    }

    @Test
    void theReadmeTableListsEverySettingWithItsVariableAndDefault() throws Exception {
        Map<String, List<String>> rows = readmeSettings();
        Map<String, String> definitions = definitions();
        Properties quarkus = applicationProperties();
        List<String> wrong = new ArrayList<>();
        definitions.keySet().stream().filter(p -> !rows.containsKey(p)).forEach(p -> wrong.add(p + " is missing"));
        rows.forEach((property, row) -> {
            String expected;
            if (definitions.containsKey(property)) {
                expected = definitions.get(property) == null ? "none" : definitions.get(property);
            } else if (quarkus.containsKey(property)) {
                expected = quarkus.getProperty(property);
            } else {
                wrong.add(property + " is neither a playground setting nor set in application.properties");
                return;
            }
            if (!row.get(0).equals(environmentVariable(property))) {
                wrong.add(property + " is read from " + environmentVariable(property) + ", not " + row.get(0));
            }
            if (!row.get(1).equals(expected)) {
                wrong.add(property + " defaults to " + expected + ", not " + row.get(1));
            }
        });
        assertEquals(List.of(), wrong, "README.md's table of settings");
    }

    @Test
    void theReadmeRequestTableStatesTheDefaultBounds() throws Exception {
        LimitsConfig limits = ConfigDefaults.of(LimitsConfig.class);
        Map<String, String> rows = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher row = Pattern.compile("^\\| `(\\w+)` \\|.*\\| ([^|]*) \\|$").matcher(line);
            if (row.matches()) {
                rows.put(row.group(1), row.group(2));
            }
        }
        Map<String, String> expected = Map.of(
                "name", "at most " + FixedLimits.MAX_NAME_LENGTH + " characters",
                "threadCounts", "1.." + FixedLimits.MAX_THREAD_COUNTS + " distinct values; 1.."
                        + limits.maxPlatformThreads() + " platform threads, 1.." + limits.maxVirtualThreads()
                        + " virtual threads or 1.." + limits.maxProcesses() + " processes",
                "incrementsPerThread", "1.." + limits.maxIncrementsPerThread(),
                "durationMillis", "1.." + limits.maxDurationMillis(),
                "trials", "1.." + limits.maxTrials(),
                "warmupTrials", "0.." + limits.maxWarmupTrials());
        List<String> wrong = new ArrayList<>();
        expected.forEach((field, bound) -> {
            if (!rows.getOrDefault(field, "").startsWith(bound)) {
                wrong.add(field + ": expected the bounds to begin with \"" + bound + "\", the README says \""
                        + rows.get(field) + "\"");
            }
        });
        assertEquals(List.of(), wrong, "README.md's table of request fields");
    }

    private static JsonNode openApi() throws Exception {
        return new ObjectMapper().readTree(Files.readString(Path.of("openapi/openapi.json")));
    }

    @Test
    void theOpenApiSchemaStatesTheDefaultLimitsAndTheCatalogSize() throws Exception {
        LimitsConfig limits = ConfigDefaults.of(LimitsConfig.class);
        JsonNode request = openApi().at("/components/schemas/ExperimentRequest/properties");
        assertEquals(limits.maxIncrementsPerThread(), request.at("/incrementsPerThread/maximum").asLong());
        assertEquals(limits.maxDurationMillis(), request.at("/durationMillis/maximum").asLong());
        assertEquals(limits.maxTrials(), request.at("/trials/maximum").asLong());
        assertEquals(limits.maxWarmupTrials(), request.at("/warmupTrials/maximum").asLong());
        assertEquals(ExperimentSpec.DEFAULT_TRIALS, request.at("/trials/default").asInt());
        assertEquals(ExperimentSpec.DEFAULT_WARMUP_TRIALS, request.at("/warmupTrials/default").asInt());
        assertEquals(new StrategyCatalog().ids().size(), request.at("/strategies/maxItems").asInt(),
                "each strategy at most once: as many as the catalog has");
        assertEquals(FixedLimits.MAX_THREAD_COUNTS, request.at("/threadCounts/maxItems").asInt());
        assertEquals(FixedLimits.MAX_NAME_LENGTH, request.at("/name/maxLength").asInt());
        assertTrue(request.at("/threadCounts/description").asText().contains("1.." + limits.maxPlatformThreads()
                + " platform threads, 1.." + limits.maxVirtualThreads() + " virtual threads, or 1.."
                + limits.maxProcesses() + " child processes"),
                request.at("/threadCounts/description").asText());
    }

    @Test
    void theOpenApiPageParameterStatesTheFixedBounds() throws Exception {
        JsonNode limit = null;
        for (JsonNode parameter : openApi().at("/paths/~1api~1experiments/get/parameters")) {
            if (parameter.path("name").asText().equals("limit")) {
                limit = parameter.path("schema");
            }
        }
        assertNotNull(limit, "GET /api/experiments documents its limit parameter");
        assertEquals(FixedLimits.MAX_PAGE_SIZE, limit.path("maximum").asInt());
        assertEquals(FixedLimits.DEFAULT_PAGE_SIZE, limit.path("default").asInt());
    }

    @Test
    void theOpenApiLimitsExampleIsWhatTheDefaultsServe() throws Exception {
        LimitsView defaults = LimitsView.of(ConfigDefaults.of(LimitsConfig.class), ConfigDefaults.of(RunnerConfig.class),
                ConfigDefaults.of(IdempotencyConfig.class), ConfigDefaults.of(StoreConfig.class),
                ConfigDefaults.of(RetentionConfig.class), ConfigDefaults.of(HttpConfig.class).maxBodySize().asLongValue());
        ObjectMapper json = new ObjectMapper();
        JsonNode document = openApi();
        JsonNode example = document.at("/paths/~1api~1limits/get/responses/200/content/application~1json/examples/defaults");
        // The operation refers to the shared example (#/components/examples/...), which holds the value.
        if (example.has("$ref")) {
            example = document.at(example.get("$ref").asText().substring(1));
        }
        example = example.path("value");
        assertFalse(example.isMissingNode() || example.isEmpty(), "GET /api/limits has an example named defaults");
        // Through text, so that numbers compare by value rather than by the node type valueToTree picks.
        assertEquals(json.readTree(json.writeValueAsString(defaults)), example, "the example of GET /api/limits is not what a service "
                + "with the default configuration serves: refresh the examples (README, Development)");
    }

    /** "must be at most 256 for platform threads ... for up to 100000", wherever a document says it. */
    private static final Pattern PLATFORM_LIMIT_MESSAGE =
            Pattern.compile("at most (\\d+) for platform threads.*?for up to (\\d+)");

    @Test
    void everyTooManyThreadsMessageInTheDocumentsStatesTheDefaults() throws Exception {
        LimitsConfig limits = ConfigDefaults.of(LimitsConfig.class);
        List<String> wrong = new ArrayList<>();
        int found = 0;
        for (Path document : List.of(Path.of("openapi/openapi.json"), Path.of("README.md"))) {
            Matcher message = PLATFORM_LIMIT_MESSAGE.matcher(Files.readString(document));
            while (message.find()) {
                found++;
                if (Integer.parseInt(message.group(1)) != limits.maxPlatformThreads()
                        || Integer.parseInt(message.group(2)) != limits.maxVirtualThreads()) {
                    wrong.add(document + ": " + message.group());
                }
            }
        }
        assertTrue(found >= 2, "the schema's example and the README's both show the message");
        assertEquals(List.of(), wrong, "the limits are " + limits.maxPlatformThreads() + " and " + limits.maxVirtualThreads());
    }

    @Test
    void readingAnUnknownSettingFails() {
        // What keeps the tests that override settings honest: a misspelt property is not silently ignored.
        assertThrows(RuntimeException.class,
                () -> ConfigDefaults.with(Map.of("playground.limits.max-platfrom-threads", "3")));
    }
}
