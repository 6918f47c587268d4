package br.com.cdcplusoft.gateway.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The key a route needs, in one place for both the check ({@link KeyRequirementInterceptor}) and
 * the OpenAPI document (each operation's security requirement is derived from it).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresKey {

    /** The least access that may call the route. */
    Access value();

    /**
     * Name of the path variable holding an entity: the route is open for the entities of
     * {@code gateway.security.open-entities} and needs {@link #value()} for the others.
     */
    String openEntityVariable() default "";

    /**
     * The route answers without a key but leaves out what needs {@link #value()} (e.g. a run's error
     * details); the controller asks {@link Access#of} what to show.
     */
    boolean detailsOnly() default false;
}
