package dev.concurrency.playground.api;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.strategy.StrategyCatalog;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks what single-field annotations cannot: that strategy ids exist, that nothing is listed twice,
 * that platform thread counts stay within what an OS can reasonably schedule, and that only one
 * workload mode is chosen.
 */
public class ExperimentRequestValidator implements ConstraintValidator<ValidExperimentRequest, ExperimentRequest> {

    private final StrategyCatalog catalog;

    @Inject
    public ExperimentRequestValidator(StrategyCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public boolean isValid(ExperimentRequest request, ConstraintValidatorContext context) {
        if (request == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        boolean valid = true;
        List<String> strategies = request.strategies();
        if (strategies != null) {
            for (int i = 0; i < strategies.size(); i++) {
                String id = strategies.get(i);
                if (id != null && catalog.find(id).isEmpty()) {
                    valid = violation(context, "strategies", i, "is not a known strategy: " + quote(id)
                            + "; valid ids are " + String.join(", ", catalog.ids()));
                }
            }
            Set<String> repeated = repeated(strategies);
            if (!repeated.isEmpty()) {
                valid = violation(context, "strategies", null, "lists " + String.join(", ", repeated.stream().map(
                        ExperimentRequestValidator::quote).toList()) + " more than once; list each strategy once");
            }
        }
        List<Integer> threadCounts = request.threadCounts();
        if (threadCounts != null) {
            if (request.threadType() != ThreadType.VIRTUAL) {
                for (int i = 0; i < threadCounts.size(); i++) {
                    Integer threads = threadCounts.get(i);
                    if (threads != null && threads > Limits.MAX_PLATFORM_THREADS) {
                        valid = violation(context, "threadCounts", i, "must be at most " + Limits.MAX_PLATFORM_THREADS
                                + " for platform threads; use \"threadType\": \"virtual\" for up to "
                                + Limits.MAX_VIRTUAL_THREADS);
                    }
                }
            }
            Set<Integer> repeated = repeated(threadCounts);
            if (!repeated.isEmpty()) {
                valid = violation(context, "threadCounts", null,
                        "lists " + repeated + " more than once; list each thread count once");
            }
        }
        if (request.incrementsPerThread() != null && request.durationMillis() != null) {
            valid = violation(context, "durationMillis", null,
                    "cannot be combined with incrementsPerThread: give incrementsPerThread for fixed-work mode "
                            + "or durationMillis for fixed-time mode, not both");
        }
        return valid;
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

    private static boolean violation(ConstraintValidatorContext context, String field, Integer index, String message) {
        var builder = context.buildConstraintViolationWithTemplate(escape(message));
        if (index == null) {
            builder.addPropertyNode(field).addConstraintViolation();
        } else {
            builder.addPropertyNode(field)
                    .addContainerElementNode("<list element>", List.class, 0)
                    .inIterable().atIndex(index)
                    .addConstraintViolation();
        }
        return false;
    }

    private static String quote(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + shown + "'";
    }

    /** Message templates interpolate {...} and ${...}; user input must never be evaluated. */
    private static String escape(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
