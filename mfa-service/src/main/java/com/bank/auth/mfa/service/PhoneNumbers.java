package com.bank.auth.mfa.service;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.mfa.config.MfaConfig;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers of SMS factors, with Google's libphonenumber: a valid number in international form, of a country on
 * {@code mfa.sms.allowed-countries} (default the EEA). Anything else is a 422 naming the rule: premium-rate numbers
 * abroad are what SMS pumping earns from.
 */
@ApplicationScoped
public class PhoneNumbers {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final Set<String> allowed;

    PhoneNumbers(MfaConfig config) {
        this.allowed = config.sms().allowedCountries().stream().map(String::trim).map(String::toUpperCase).collect(Collectors.toUnmodifiableSet());
    }

    /** The number in E.164 ({@code +4915112345678}), or a 422. */
    public String check(String typed) {
        if (typed == null || typed.length() > 32 || !typed.strip().startsWith("+")) {
            throw invalid("must be a mobile number in international format, e.g. +4915112345678");
        }
        PhoneNumber number;
        try {
            number = PHONES.parse(typed, null);
        } catch (NumberParseException e) {
            throw invalid("must be a mobile number in international format, e.g. +4915112345678");
        }
        if (!PHONES.isValidNumber(number)) {
            throw invalid("is not a valid phone number");
        }
        String country = PHONES.getRegionCodeForNumber(number);
        if (country == null || !allowed.contains(country)) {
            throw new ProblemException(Problem.of("sms-country-not-allowed", "Country not allowed", 422,
                    "Text messages go only to numbers of the countries the bank serves.")
                    .with(Map.of("errors", List.of(Map.of("field", "phoneNumber", "message",
                            "is a number of " + (country == null ? "an unknown country" : country)
                                    + ", not of a country allowed for text messages (mfa.sms.allowed-countries)")))));
        }
        return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    private static ProblemException invalid(String message) {
        return new ProblemException(Problem.of("invalid-phone-number", "Invalid phone number", 422, "The phone number is not valid.")
                .with(Map.of("errors", List.of(Map.of("field", "phoneNumber", "message", message)))));
    }
}
