package com.bank.auth.payments.model;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a payment was authorised (DESIGN 5a), as {@code sca} in its view and in the {@code payment-booked} audit event:
 * {@code {"method":"strong","stepUpJti":…,"amr":["otp"]}}, {@code {"method":"exempt","exemption":"low-value"}}, or
 * {@code {"method":"unknown"}} for payments booked before the policy existed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Authorisation(String method, String exemption, String stepUpJti, List<String> amr) {

    public static final String STRONG = "strong";
    public static final String EXEMPT = "exempt";
    public static final String UNKNOWN = "unknown";

    public static Authorisation strong(String stepUpJti, List<String> amr) {
        return new Authorisation(STRONG, null, stepUpJti, amr == null || amr.isEmpty() ? null : List.copyOf(amr));
    }

    public static Authorisation exempt(String exemption) {
        return new Authorisation(EXEMPT, exemption, null, null);
    }

    @JsonIgnore
    public boolean isStrong() {
        return STRONG.equals(method);
    }

    /** What a booked row says; a row without a method predates the policy. */
    public static Authorisation of(Payment p) {
        if (STRONG.equals(p.scaMethod)) {
            return strong(p.stepUpJti, p.scaAmr == null ? null : Arrays.asList(p.scaAmr.split(" ")));
        }
        if (EXEMPT.equals(p.scaMethod)) {
            return exempt(p.scaExemption);
        }
        return new Authorisation(UNKNOWN, null, null, null);
    }
}
