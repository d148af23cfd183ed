package com.bank.auth.mfa.rest;

import java.util.UUID;

import com.bank.auth.mfa.service.MfaProblems;

/** Checks of the identifiers every call carries: the user it acts for, and resource ids. */
final class Subjects {

    private Subjects() {
    }

    static String required(String sub) {
        if (sub == null || sub.isBlank() || sub.length() > 255) {
            throw MfaProblems.invalid("sub", "is required: the user this call acts for");
        }
        return sub;
    }

    /** A malformed id reads like an unknown one. */
    static UUID id(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw MfaProblems.notFound(what);
        }
    }
}
