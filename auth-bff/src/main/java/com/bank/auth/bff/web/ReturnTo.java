package com.bank.auth.bff.web;

import java.util.regex.Pattern;

import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;

/** Where to go after login: a local path only, so /bff/login can never become an open redirect. */
public final class ReturnTo {

    /** "/" then anything but a second "/" or "\" (protocol-relative //host, /\host), no whitespace or control characters. */
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[\\x21-\\x7E&&[^\\\\]]*");

    private ReturnTo() {
    }

    public static String check(String returnTo) {
        if (returnTo == null || returnTo.isEmpty()) {
            return "/";
        }
        if (returnTo.length() > 512 || !LOCAL_PATH.matcher(returnTo).matches() || returnTo.contains("/..")) {
            throw new ProblemException(Problem.of("invalid-return-to", "Invalid returnTo", 400, "returnTo must be a local path such as /payments."));
        }
        return returnTo;
    }
}
