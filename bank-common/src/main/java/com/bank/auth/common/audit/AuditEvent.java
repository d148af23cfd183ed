package com.bank.auth.common.audit;

import java.util.Locale;

/**
 * The fixed vocabulary of the audit trail. A SIEM rule matches on {@link #code()}, so codes never change meaning; a new
 * kind of event gets a new constant. Each constant says which service records it.
 */
public enum AuditEvent {
    /** BFF: a user signed in (code exchanged, ID token valid, session created). */
    LOGIN,
    /** BFF: a sign-in callback refused (state, PKCE, ID token or Keycloak error). */
    LOGIN_FAILED,
    /** BFF: the user signed out. */
    LOGOUT,
    /** BFF: Keycloak's session could not be ended from the back channel (left to its idle timeout). */
    IDP_LOGOUT,
    /** session-service: a session was created. */
    SESSION_CREATED,
    /** session-service: a session id was rotated (after a step-up). */
    SESSION_ROTATED,
    /** session-service: sessions ended (logout, by the user, superseded, back-channel, refresh refused), with a {@code reason}. */
    SESSION_ENDED,
    /** BFF: the access token was refreshed. */
    REFRESH,
    /** BFF: Keycloak refused the refresh token; the session ended. */
    REFRESH_REFUSED,
    /** mfa-service: a step-up challenge was issued. */
    STEP_UP_REQUESTED,
    /** mfa-service and BFF: a step-up was approved. */
    STEP_UP_APPROVED,
    /** mfa-service, payments-service, bank-common: a step-up code or token was refused. */
    STEP_UP_REFUSED,
    /** mfa-service: an enrolment was started (the factor is pending until confirmed). */
    FACTOR_ENROLMENT_STARTED,
    /** mfa-service: a pending enrolment was cancelled. */
    FACTOR_ENROLMENT_CANCELLED,
    /** mfa-service: the code confirming a new factor was wrong. */
    FACTOR_CONFIRMATION_FAILED,
    /** mfa-service: a factor became active. */
    FACTOR_ADDED,
    /** mfa-service: an active factor was removed. */
    FACTOR_REMOVED,
    /** mfa-service: a factor was locked after too many wrong codes. */
    FACTOR_LOCKED,
    /** mfa-service: an activation letter with a new one-time code went to the provider (the previous code is void). */
    ACTIVATION_LETTER_SENT,
    /** mfa-service: an activation code was refused (missing, wrong, expired, spent, voided); 5 wrong tries void it. */
    ACTIVATION_CODE_REFUSED,
    /** mfa-service: an activation code confirmed a first factor and is spent. */
    ACTIVATION_CODE_USED,
    /** mfa-service: a text message was refused by an abuse limit (per user, per number, global) or a country rule. */
    SMS_REFUSED,
    /** mfa-service: the global hourly SMS cap was reached: an alarm (toll fraud, SMS pumping). */
    SMS_GLOBAL_LIMIT_REACHED,
    /** BFF: a sign-in was refused by an abuse limit (per client address, per replica). */
    LOGIN_RATE_LIMITED,
    /** payments-service: a payment was booked. */
    PAYMENT_BOOKED,
    /** payments-service: a customer trusted a beneficiary (with SCA bound to it, RTS Art. 13). */
    BENEFICIARY_ADDED,
    /** payments-service: a customer removed a trusted beneficiary. */
    BENEFICIARY_REMOVED,
    /** payments-service: an administrator read the payments list. */
    ADMIN_ACCESS,
    /** BFF: a back-channel logout token from Keycloak was accepted or refused. */
    BACK_CHANNEL_LOGOUT,
    /** BFF: a state-changing browser request failed the CSRF, Origin or Fetch-Metadata checks. */
    CSRF_REFUSED;

    /** The stable name used in logs and metrics: {@code step-up-approved}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
