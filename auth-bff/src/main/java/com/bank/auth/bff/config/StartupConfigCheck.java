package com.bank.auth.bff.config;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.common.config.ConfigRules;

import io.quarkus.runtime.Startup;

/**
 * Refuses to start with settings that would fail later and confusingly: an origin with a path or trailing slash (every
 * POST would be a CSRF 403), URLs that paths cannot be appended to, time budgets beyond DESIGN 8's 5 s, a refresh skew
 * that would refresh on every request. Keys are checked where they are loaded ({@code CookieKeys}).
 */
@Startup
@ApplicationScoped
public class StartupConfigCheck {

    StartupConfigCheck(BffConfig config) {
        ConfigRules.origin("bff.origin", config.origin());
        ConfigRules.baseUrl("bff.oidc.issuer", config.oidc().issuer());
        config.oidc().backchannelUrl().ifPresent(url -> ConfigRules.baseUrl("bff.oidc.backchannel-url", url));
        ConfigRules.baseUrl("bff.payments-url", config.paymentsUrl());
        ConfigRules.timeBudget("bff.oidc.connect-timeout", config.oidc().connectTimeout(), "bff.oidc.read-timeout",
                config.oidc().readTimeout());
        ConfigRules.timeBudget("bff.payments-connect-timeout", config.paymentsConnectTimeout(), "bff.payments-read-timeout",
                config.paymentsReadTimeout());
        // A skew at or above the access tokens' lifetime would refresh on every request.
        ConfigRules.below("bff.refresh-skew", config.refreshSkew(), "bff.oidc.access-token-lifetime", config.oidc().accessTokenLifetime());
        // A floor at or above the skew would make every due refresh a wait again.
        ConfigRules.below("bff.access-token-min-validity", config.accessTokenMinValidity(), "bff.refresh-skew", config.refreshSkew());
        ConfigRules.positive("bff.oidc.login-timeout", config.oidc().loginTimeout());
    }
}
