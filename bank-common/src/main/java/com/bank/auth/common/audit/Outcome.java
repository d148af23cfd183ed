package com.bank.auth.common.audit;

import java.util.Locale;

/** Whether what an audit event describes happened ({@code success}) or was refused ({@code failure}). */
public enum Outcome {
    SUCCESS, FAILURE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
