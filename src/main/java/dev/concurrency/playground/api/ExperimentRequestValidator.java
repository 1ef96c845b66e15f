package dev.concurrency.playground.api;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.PlaygroundConfig;
import dev.concurrency.playground.experiment.WorkEstimate;
import dev.concurrency.playground.strategy.StrategyCatalog;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks what single-field annotations cannot: that strategy ids exist, that nothing is listed twice,
 * that only one workload mode is chosen, and that the experiment stays within the configured limits
 * (each violation names the limit and its value, so an operator's setting is never a mystery).
 */
public class ExperimentRequestValidator implements ConstraintValidator<ValidExperimentRequest, ExperimentRequest> {

    private final StrategyCatalog catalog;
    // Hibernate Validator builds its validators at static init, before runtime configuration exists:
    // the limits are looked up when a request is validated.
    private final Provider<PlaygroundConfig> config;

    @Inject
    public ExperimentRequestValidator(StrategyCatalog catalog, Provider<PlaygroundConfig> config) {
        this.catalog = catalog;
        this.config = config;
    }

    @Override
    public boolean isValid(ExperimentRequest request, ConstraintValidatorContext context) {
        if (request == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        PlaygroundConfig.Limits limits = config.get().limits();
        Violations violations = new Violations(context);
        checkStrategies(request.strategies(), violations);
        checkThreadCounts(request, limits, violations);
        checkAtMost(violations, "incrementsPerThread", request.incrementsPerThread(), limits.maxIncrementsPerThread(),
                "playground.limits.max-increments-per-thread");
        checkAtMost(violations, "durationMillis", request.durationMillis(), limits.maxDurationMillis(),
                "playground.limits.max-duration-millis");
        checkAtMost(violations, "trials", request.trials(), limits.maxTrials(), "playground.limits.max-trials");
        checkAtMost(violations, "warmupTrials", request.warmupTrials(), limits.maxWarmupTrials(),
                "playground.limits.max-warmup-trials");
        if (request.incrementsPerThread() != null && request.durationMillis() != null) {
            violations.add("durationMillis", null,
                    "cannot be combined with incrementsPerThread: give incrementsPerThread for fixed-work mode "
                            + "or durationMillis for fixed-time mode, not both");
        }
        // Totals only make sense once the lists themselves are sound; field constraints report them otherwise.
        if (violations.none() && complete(request.strategies()) && complete(request.threadCounts())
                && request.threadCounts().stream().allMatch(threads -> threads >= 1)) {
            checkTotals(request.toSpec(), limits, violations);
        }
        return violations.none();
    }

    private void checkStrategies(List<String> strategies, Violations violations) {
        if (strategies == null) {
            return;
        }
        for (int i = 0; i < strategies.size(); i++) {
            String id = strategies.get(i);
            if (id != null && catalog.find(id).isEmpty()) {
                violations.add("strategies", i, "is not a known strategy: " + quote(id)
                        + "; valid ids are " + String.join(", ", catalog.ids()));
            }
        }
        Set<String> repeated = repeated(strategies);
        if (!repeated.isEmpty()) {
            violations.add("strategies", null, "lists " + String.join(", ",
                    repeated.stream().map(ExperimentRequestValidator::quote).toList()) + " more than once; list each strategy once");
        }
    }

    private static void checkThreadCounts(ExperimentRequest request, PlaygroundConfig.Limits limits,
            Violations violations) {
        List<Integer> threadCounts = request.threadCounts();
        if (threadCounts == null) {
            return;
        }
        boolean virtual = request.threadType() == ThreadType.VIRTUAL;
        int max = virtual ? limits.maxVirtualThreads() : limits.maxPlatformThreads();
        for (int i = 0; i < threadCounts.size(); i++) {
            Integer threads = threadCounts.get(i);
            if (threads != null && threads > max) {
                violations.add("threadCounts", i, virtual
                        ? "must be at most " + max + " virtual threads (playground.limits.max-virtual-threads)"
                        : "must be at most " + max + " for platform threads (playground.limits.max-platform-threads); "
                                + "use \"threadType\": \"virtual\" for up to " + limits.maxVirtualThreads());
            }
        }
        Set<Integer> repeated = repeated(threadCounts);
        if (!repeated.isEmpty()) {
            violations.add("threadCounts", null, "lists " + repeated + " more than once; list each thread count once");
        }
    }

    private static void checkTotals(ExperimentSpec spec, PlaygroundConfig.Limits limits, Violations violations) {
        if (spec.totalRuns() > limits.maxRuns()) {
            violations.add("threadCounts", null, "with " + spec.strategies().size() + " strategies makes "
                    + spec.totalRuns() + " runs, more than the " + limits.maxRuns()
                    + " an experiment may have (playground.limits.max-runs); split it into several experiments");
        }
        long total = WorkEstimate.totalIncrements(spec);
        if (total > limits.maxTotalIncrements()) {
            violations.add("incrementsPerThread", null, "makes the experiment perform " + total
                    + " increments over all its runs and trials (warm-ups included), more than the "
                    + limits.maxTotalIncrements() + " allowed (playground.limits.max-total-increments); "
                    + "use fewer increments, threads, trials or strategies");
        }
        if (spec.durationMillis() != null) {
            long plannedMillis = spec.totalRuns() * (long) (spec.trials() + spec.warmupTrials()) * spec.durationMillis();
            Duration max = limits.maxExperimentWallTime();
            if (plannedMillis > max.toMillis()) {
                violations.add("durationMillis", null, "makes the experiment run for " + plannedMillis / 1000
                        + " s (runs x trials, warm-ups included, x duration), longer than the " + max.toSeconds()
                        + " s allowed (playground.limits.max-experiment-wall-time); use shorter or fewer trials");
            }
        }
    }

    private static boolean complete(List<?> values) {
        return values != null && !values.isEmpty() && values.stream().allMatch(java.util.Objects::nonNull);
    }

    private static void checkAtMost(Violations violations, String field, Number value, long max, String property) {
        if (value != null && value.longValue() > max) {
            violations.add(field, null, "must be at most " + max + " (" + property + ")");
        }
    }

    private static <T> Set<T> repeated(List<T> values) {
        Set<T> seen = new HashSet<>();
        Set<T> repeated = new LinkedHashSet<>();
        for (T value : values) {
            if (value != null && !seen.add(value)) {
                repeated.add(value);
            }
        }
        return repeated;
    }

    private static String quote(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + shown + "'";
    }

    /** Collects violations on the context, remembering whether there were any. */
    private static final class Violations {
        private final ConstraintValidatorContext context;
        private boolean any;

        Violations(ConstraintValidatorContext context) {
            this.context = context;
        }

        void add(String field, Integer index, String message) {
            any = true;
            var builder = context.buildConstraintViolationWithTemplate(escape(message));
            if (index == null) {
                builder.addPropertyNode(field).addConstraintViolation();
            } else {
                builder.addPropertyNode(field)
                        .addContainerElementNode("<list element>", List.class, 0)
                        .inIterable().atIndex(index)
                        .addConstraintViolation();
            }
        }

        boolean none() {
            return !any;
        }

        /** Message templates interpolate {...} and ${...}; user input must never be evaluated. */
        private static String escape(String message) {
            return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
