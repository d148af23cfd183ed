package com.bank.auth.bff.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.bank.auth.common.problem.ProblemException;

class ReturnToTest {

    @ParameterizedTest
    // Percent-encoded CR/LF stays inert text inside a path; it can never split the Location header.
    @ValueSource(strings = { "/", "/payments", "/payments?tab=recent", "/a/b-c_d.e~f#x", "/%0d%0aSet-Cookie:x" })
    void localPathsAreKept(String path) {
        assertEquals(path, ReturnTo.check(path));
    }

    @ParameterizedTest
    @ValueSource(strings = { "//evil.example", "/\\evil.example", "https://evil.example/", "http:/evil", "evil.example",
            "javascript:alert(1)", "/ spaces", "/\tx", "/a/../../etc", "\\\\evil", "/\r\nSet-Cookie:x" })
    void everythingElseIsRefused(String target) {
        assertThrows(ProblemException.class, () -> ReturnTo.check(target));
    }
}
