package dev.concurrency.playground.api.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.TrialOrder;
import dev.concurrency.playground.experiment.Database;
import dev.concurrency.playground.experiment.DatabaseUsed;
import dev.concurrency.playground.experiment.WarmUp;
import dev.concurrency.playground.experiment.BackendInfo;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.Pinning;
import dev.concurrency.playground.experiment.RunParams;
import dev.concurrency.playground.experiment.analysis.ReadsAndWrites;
import dev.concurrency.playground.experiment.analysis.ReadsAndWritesSummary;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.LossExplanation;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.SampleStatistics;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.experiment.comparison.Comparison;
import dev.concurrency.playground.experiment.comparison.MedianSummary;
import dev.concurrency.playground.experiment.comparison.PairKey;
import dev.concurrency.playground.experiment.event.ExperimentEvent;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * How the experiment's records are written as JSON. The records themselves (in {@code experiment} and
 * {@code engine}) know nothing of JSON; the API decides their representation here, in one place.
 *
 * <ul>
 * <li>Figures that do not apply are left out rather than written as {@code null}: the statistics of a
 * single trial have no error, a fixed-time spec has no increment count, a trial of a strategy that does
 * not count CAS failures has none, an experiment still queued has not started, a median of five trials
 * has no confidence interval. (An environment difference keeps its {@code null}: "the baseline has no
 * CPU model" is what it says.)
 * <li>A run's {@code explanation} is left out unless the experiment asked to {@code explain} it, and its
 * {@code params} unless the experiment gave parameter lists, nor its {@code backend} or {@code database}
 * unless its strategy had one.
 * <li>Thread types and trial orders are written and read as their lower-case id ({@code "platform"},
 * {@code "virtual"}; {@code "sequential"}, {@code "interleaved"}), as are databases ({@code "embedded"},
 * {@code "postgresql"}).
 * </ul>
 */
@Singleton
public class JsonRepresentation implements ObjectMapperCustomizer {

    /** The records whose absent figures are left out; the others write every field. */
    static final List<Class<?>> WITHOUT_NULLS = List.of(Experiment.class, ExperimentSpec.class, RunSummary.class,
            SampleStatistics.class, TrialResult.class, ExperimentEvent.StatusEvent.class, Comparison.class, Comparison.Side.class,
            Comparison.Row.class, Comparison.Geomean.class, MedianSummary.class, PairKey.class, LossExplanation.class,
            WarmUp.class, BackendInfo.class, RunParams.class, ReadsAndWrites.class, ReadsAndWritesSummary.class, Pinning.class);

    @Override
    public void customize(ObjectMapper mapper) {
        JsonInclude.Value nonNull = JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL);
        WITHOUT_NULLS.forEach(type -> mapper.configOverride(type).setInclude(nonNull));
        ENUMS_AS_IDS.forEach(type -> mapper.addMixIn(type, EnumAsId.class));
        mapper.addMixIn(RunResult.class, ExplanationOnlyWhenThere.class);
    }

    /**
     * A run's other fields are written even when null (a partial run's verdict); its explanation is not, nor
     * its parameters, which only runs of experiments with parameter lists have, nor its backend or database,
     * which only runs of a strategy with one have.
     */
    private abstract static class ExplanationOnlyWhenThere {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract LossExplanation explanation();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract RunParams params();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract BackendInfo backend();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract DatabaseUsed database();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Pinning pinning();
    }

    /** The enums written and read as their {@code id()}. */
    static final List<Class<? extends Enum<?>>> ENUMS_AS_IDS = List.of(ThreadType.class, TrialOrder.class, Database.class);

    /** Jackson reads the annotation from here as if it were on the enum's {@code id()}. */
    private abstract static class EnumAsId {
        @JsonValue
        abstract String id();
    }
}
