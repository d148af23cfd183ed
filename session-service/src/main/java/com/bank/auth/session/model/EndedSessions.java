package com.bank.auth.session.model;

import java.util.List;

/** Handles of the sessions a call ended. */
public record EndedSessions(List<String> endedHandles) {
}
