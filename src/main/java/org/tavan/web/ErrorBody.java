package org.tavan.web;

import java.util.Map;

/** The JSON shape of every error: a message for people, a stable code, details, and the request id. */
public record ErrorBody(String error, String code, Map<String, Object> details, String requestId) {
}
