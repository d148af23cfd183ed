package com.bank.auth.bff.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource whose unsafe methods need no CSRF proof because no browser calls them: authenticated otherwise (Keycloak's
 * back-channel logout, by its signed logout token). Chosen by resource, never by path.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CsrfExempt {
}
