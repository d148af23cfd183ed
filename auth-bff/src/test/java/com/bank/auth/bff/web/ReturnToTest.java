package com.bank.auth.bff.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.bank.auth.common.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The BFF's rule on where a sign-in returns to, on the cases the web app's rule is tested against too (one list). */
class ReturnToTest {

    @ParameterizedTest
    @MethodSource("accepted")
    @ValueSource(strings = "/")
    void localPathsAreKept(String path) {
        assertEquals(path, ReturnTo.check(path));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void everythingElseIsRefused(String target) {
        assertThrows(ProblemException.class, () -> ReturnTo.check(target));
    }

    static Stream<String> accepted() throws IOException {
        return cases("accepted");
    }

    static Stream<String> refused() throws IOException {
        return cases("refused");
    }

    private static Stream<String> cases(String kind) throws IOException {
        try (InputStream in = ReturnToTest.class.getResourceAsStream("/return-to-cases.json")) {
            JsonNode list = new ObjectMapper().readTree(in).path(kind);
            if (list.isEmpty()) {
                throw new IllegalStateException("no " + kind + " cases in return-to-cases.json");
            }
            return StreamSupport.stream(list.spliterator(), false).map(JsonNode::asText).toList().stream();
        }
    }
}
