package com.bank.auth.common.config;

/**
 * A setting that would make the service misbehave: thrown at start, so the service stops with one line naming the
 * key, the value's problem and what a correct value looks like (never the value of a secret).
 */
public class InvalidConfigurationException extends IllegalStateException {

    public InvalidConfigurationException(String key, String problem) {
        super("Invalid configuration " + key + ": " + problem);
    }
}
