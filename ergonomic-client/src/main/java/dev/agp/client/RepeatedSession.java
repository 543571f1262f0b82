package dev.agp.client;

/**
 * A session met a second time during a tree walk: listed under two parents, or listed under one of its own
 * descendants (a cycle). It is reported once per place it reappears and never followed again.
 *
 * @param sessionId the repeated session's id
 * @param listedUnder the id of the session that listed it again
 * @param depth the depth at which it reappeared
 */
public record RepeatedSession(String sessionId, String listedUnder, int depth) {}
