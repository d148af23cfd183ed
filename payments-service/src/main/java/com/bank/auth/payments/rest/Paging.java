package com.bank.auth.payments.rest;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.payments.config.PaymentsConfig;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

/** {@code page} (from 0) and {@code size} query parameters, checked: a bad value is a 400, never a 5xx. */
@ApplicationScoped
public class Paging {

    private final int defaultSize;
    private final int maxSize;

    Paging(PaymentsConfig config) {
        this.defaultSize = config.defaultPageSize();
        this.maxSize = config.maxPageSize();
    }

    public <T> PanacheQuery<T> page(PanacheQuery<T> query, String page, String size) {
        int pageIndex = number("page", page, 0, 0, 1_000_000);
        int pageSize = number("size", size, defaultSize, 1, maxSize);
        return query.page(pageIndex, pageSize);
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(Problem.of("invalid-request", "Invalid request", 400,
                "'" + name + "' must be a whole number from " + min + " to " + max + "."));
    }
}
