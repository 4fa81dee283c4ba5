package dev.ember.util;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method or class allowed to make a call the build otherwise bans (see
 * {@code build-support/banned-apis.txt}). The reason must be given: it is the review record.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.CONSTRUCTOR})
public @interface AllowedCall {
    /** Why the banned call is right here. */
    String value();
}
