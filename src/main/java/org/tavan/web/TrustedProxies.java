package org.tavan.web;

import java.util.List;
import java.util.Set;

/**
 * The reverse proxies (a TLS-terminating nginx, a load balancer) whose X-Forwarded-Proto and
 * X-Forwarded-For Tavan believes ({@code http.trusted.proxies}). Behind such a proxy Tavan itself
 * sees plain HTTP from the proxy's address: without this, the session cookie would lack Secure
 * and every sign-in would be throttled as one address. From any other peer the headers are
 * ignored, since anyone can send them.
 */
public final class TrustedProxies {

    private final Set<String> addresses;

    public TrustedProxies(List<String> addresses) {
        this.addresses = Set.copyOf(addresses);
    }

    /** Whether the browser reached us over HTTPS: directly, or through a trusted proxy that says so. */
    boolean https(String scheme, String peer, String forwardedProto) {
        if ("https".equalsIgnoreCase(scheme)) {
            return true;
        }
        if (!addresses.contains(peer) || forwardedProto == null) {
            return false;
        }
        // A chain of proxies lists one scheme each; the first is the browser's.
        return forwardedProto.split(",")[0].strip().equalsIgnoreCase("https");
    }

    /**
     * The client's address: the peer, or, when the peer is a trusted proxy, the nearest address
     * in X-Forwarded-For that is not itself a trusted proxy (entries further left were written
     * by the client and may be forged).
     */
    String client(String peer, String forwardedFor) {
        if (!addresses.contains(peer) || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !addresses.contains(hop)) {
                return hop.length() > 100 ? hop.substring(0, 100) : hop;
            }
        }
        return peer;
    }
}
