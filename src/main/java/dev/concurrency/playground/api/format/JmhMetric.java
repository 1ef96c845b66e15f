package dev.concurrency.playground.api.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.concurrency.playground.experiment.analysis.SampleStatistics;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One figure of a run in the shape JMH writes a {@code primaryMetric} or a {@code secondaryMetrics}
 * entry with {@code -rf json}, so that JMH tooling can read it unchanged.
 *
 * <p>JMH writes an undefined number (the error of too few iterations) as the string {@code "NaN"},
 * and infinities as {@code "+INF"} and {@code "-INF"}, which keeps its files legal JSON; the number
 * fields here are written the same way.
 */
@Schema(name = "JmhMetric", description = """
        A figure over the run's measured trials, in the shape of a JMH metric. `score`, `scoreError`, the \
        bounds of `scoreConfidence` and the percentiles are numbers, or the string "NaN" where the figure is \
        undefined, exactly as JMH writes them.""")
public record JmhMetric(
        @Schema(ref = "JmhNumber", description = "Mean over the trials; \"NaN\" if no trial measured this figure.")
        @JsonSerialize(using = JmhNumberSerializer.class)
        double score,
        @Schema(ref = "JmhNumber",
                description = "Half-width of the 99.9% confidence interval of the mean (Student's t); \"NaN\" "
                        + "with fewer than two trials.")
        @JsonSerialize(using = JmhNumberSerializer.class)
        double scoreError,
        @Schema(type = SchemaType.ARRAY, implementation = JmhNumber.class,
                description = "`[score - scoreError, score + scoreError]`; both bounds \"NaN\" when the error is.")
        @JsonSerialize(contentUsing = JmhNumberSerializer.class)
        List<Double> scoreConfidence,
        @Schema(type = SchemaType.OBJECT, implementation = Void.class, additionalProperties = JmhNumber.class,
                description = "The trials' values at the percentiles JMH reports, keyed as JMH keys them, from "
                        + "\"0.0\" (the minimum) to \"100.0\" (the maximum); \"NaN\" if no trial measured this figure.")
        @JsonSerialize(contentUsing = JmhNumberSerializer.class)
        Map<String, Double> scorePercentiles,
        @Schema(description = "Unit of every figure in this metric.", examples = "ns/op")
        String scoreUnit,
        @Schema(description = "Each trial's value, in one inner list per fork; the playground has one fork.")
        List<List<Double>> rawData) {

    /** The percentiles JMH 1.37 writes, in its order. */
    static final List<Double> PERCENTILES = List.of(0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0);

    public JmhMetric {
        scoreConfidence = List.copyOf(scoreConfidence);
        // Map.copyOf would lose the percentiles' order, which JMH readers display as is.
        scorePercentiles = Collections.unmodifiableMap(new LinkedHashMap<>(scorePercentiles));
        rawData = rawData.stream().<List<Double>>map(List::copyOf).toList();
    }

    /** The metric of the given per-trial values, with JMH's error and confidence interval. */
    static JmhMetric of(double[] values, String unit) {
        return of(values, SampleStatistics.of(values), unit);
    }

    /**
     * The metric of the given per-trial values, taking mean, error and confidence from statistics the
     * run already computed from the same values, so the export shows the very figures the run shows.
     */
    static JmhMetric of(double[] values, SampleStatistics statistics, String unit) {
        double score = statistics == null ? Double.NaN : statistics.mean();
        double error = statistics == null || statistics.error() == null ? Double.NaN : statistics.error();
        List<Double> confidence = statistics == null || statistics.confidence() == null
                ? List.of(Double.NaN, Double.NaN)
                : statistics.confidence();
        Map<String, Double> percentiles = new LinkedHashMap<>();
        for (double rank : PERCENTILES) {
            percentiles.put(String.valueOf(rank), percentile(values, rank));
        }
        return new JmhMetric(score, error, confidence, percentiles, unit,
                List.of(Arrays.stream(values).boxed().toList()));
    }

    // As JMH's ListStatistics does: commons-math3 rejects rank 0, which JMH defines as the minimum.
    private static double percentile(double[] values, double rank) {
        if (values.length == 0) {
            return Double.NaN;
        }
        if (rank == 0) {
            return Arrays.stream(values).min().orElseThrow();
        }
        return new Percentile().evaluate(values, rank);
    }

    /**
     * Only in the OpenAPI document: JSON has no NaN, so these fields are a number or a string, which a
     * Java {@code double} cannot describe. {@code implementation = Void.class} keeps the generator from
     * adding {@code type: object} next to the {@code anyOf}. Not oneOf: validators that read "NaN" as a
     * number would find it matches both.
     */
    @Schema(name = "JmhNumber", anyOf = {Double.class, JmhNonFinite.class}, implementation = Void.class,
            description = "A number, or the string \"NaN\", \"+INF\" or \"-INF\" where JMH's JSON cannot hold the value.")
    interface JmhNumber {
    }

    /** The strings JMH writes for values JSON numbers cannot hold; an enum, so no number matches it too. */
    @Schema(name = "JmhNonFinite", type = SchemaType.STRING, enumeration = {"NaN", "+INF", "-INF"})
    interface JmhNonFinite {
    }

    /** Writes a double as JMH's JSON writer does: non-finite values as the strings JMH uses. */
    public static final class JmhNumberSerializer extends StdSerializer<Double> {

        public JmhNumberSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator json, SerializerProvider provider) throws IOException {
            if (value.isNaN()) {
                json.writeString("NaN");
            } else if (value == Double.POSITIVE_INFINITY) {
                json.writeString("+INF");
            } else if (value == Double.NEGATIVE_INFINITY) {
                json.writeString("-INF");
            } else {
                json.writeNumber(value);
            }
        }
    }
}
