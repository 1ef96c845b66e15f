package dev.concurrency.playground.api;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The rules of an experiment request that span fields or need the strategy catalog. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ExperimentRequestValidator.class)
public @interface ValidExperimentRequest {

    String message() default "is not a valid experiment request";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
