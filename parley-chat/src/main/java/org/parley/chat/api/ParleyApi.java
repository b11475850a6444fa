package org.parley.chat.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Parley JSON controller (the library's or the standalone server's): its errors become problem
 * details with a stable {@code code} ({@link ApiErrors}), and a host application's own controllers are left
 * alone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ParleyApi {}
