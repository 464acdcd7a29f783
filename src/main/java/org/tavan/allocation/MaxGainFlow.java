package org.tavan.allocation;

import java.util.Arrays;

/**
 * Maximum-gain flow by successive longest augmenting paths (the mirror image of min-cost flow
 * by successive shortest paths). Gains are pairs (priority, tie-break) compared
 * lexicographically, so no weight is ever scaled into another and nothing overflows.
 *
 * <p>A "group edge" carries the members of one group of interchangeable people, sorted by
 * gain, highest first: the k-th unit of flow through it gains the k-th member's weight, and
 * sending flow back gives up the last member taken. Because the gains fall as flow rises the
 * edge is concave, which is what keeps successive longest paths exact (it is the same as one
 * parallel unit edge per member). The algorithm stops when the best augmenting path gains
 * nothing; at that point the flow has the maximum total gain over flows of any value.
 */
final class MaxGainFlow {

    private int nodes;
    private int edges;
    private int[] head = new int[16];
    private int[] next = new int[32];
    private int[] to = new int[32];
    private long[] cap = new long[32];
    private long[] flow = new long[32];
    private int[] group = new int[32];
    private long[][] groupP = new long[8][];
    private long[][] groupT = new long[8][];
    private int groups;

    int node() {
        if (nodes == head.length) {
            head = Arrays.copyOf(head, nodes * 2);
        }
        head[nodes] = -1;
        return nodes++;
    }

    int edge(int from, int target, long capacity) {
        return add(from, target, capacity, -1);
    }

    /** {@code p}/{@code t}: the members' gains, in falling lexicographic order. */
    int groupEdge(int from, int target, long[] p, long[] t) {
        if (groups == groupP.length) {
            groupP = Arrays.copyOf(groupP, groups * 2);
            groupT = Arrays.copyOf(groupT, groups * 2);
        }
        groupP[groups] = p;
        groupT[groups] = t;
        return add(from, target, p.length, groups++);
    }

    long flow(int edge) {
        return flow[edge];
    }

    private int add(int from, int target, long capacity, int g) {
        if (edges + 2 > to.length) {
            int n = to.length * 2;
            next = Arrays.copyOf(next, n);
            to = Arrays.copyOf(to, n);
            cap = Arrays.copyOf(cap, n);
            flow = Arrays.copyOf(flow, n);
            group = Arrays.copyOf(group, n);
        }
        int e = edges;
        link(e, from, target, capacity, g);
        link(e + 1, target, from, 0, g);
        edges += 2;
        return e;
    }

    private void link(int e, int from, int target, long capacity, int g) {
        to[e] = target;
        cap[e] = capacity;
        flow[e] = 0;
        group[e] = g;
        next[e] = head[from];
        head[from] = e;
    }

    /** Augments until no path gains anything; returns the number of units sent. */
    long run(int source, int sink) {
        long[] distP = new long[nodes];
        long[] distT = new long[nodes];
        int[] prev = new int[nodes];
        boolean[] queued = new boolean[nodes];
        int[] queue = new int[nodes + 1];
        int[] visits = new int[nodes];
        long sent = 0;
        while (true) {
            Arrays.fill(distP, Long.MIN_VALUE);
            Arrays.fill(distT, Long.MIN_VALUE);
            Arrays.fill(prev, -1);
            Arrays.fill(visits, 0);
            distP[source] = 0;
            distT[source] = 0;
            int qh = 0;
            int qt = 0;
            queue[qt++] = source;
            queued[source] = true;
            while (qh != qt) {
                int u = queue[qh];
                qh = qh + 1 == queue.length ? 0 : qh + 1;
                queued[u] = false;
                // Bellman-Ford bound: a node improved more than n times means a positive cycle,
                // which concave group edges rule out; fail loudly instead of looping forever.
                if (++visits[u] > nodes) {
                    throw new IllegalStateException("Positive-gain cycle in the residual network: group gains not sorted");
                }
                for (int e = head[u]; e != -1; e = next[e]) {
                    if (cap[e] - flow[e] <= 0) {
                        continue;
                    }
                    long gp;
                    long gt;
                    int g = group[e];
                    if (g < 0) {
                        gp = 0;
                        gt = 0;
                    } else if ((e & 1) == 0) {
                        int k = (int) flow[e];
                        gp = groupP[g][k];
                        gt = groupT[g][k];
                    } else {
                        int k = (int) flow[e ^ 1] - 1;
                        gp = -groupP[g][k];
                        gt = -groupT[g][k];
                    }
                    int v = to[e];
                    long np = distP[u] + gp;
                    long nt = distT[u] + gt;
                    if (np > distP[v] || (np == distP[v] && nt > distT[v])) {
                        distP[v] = np;
                        distT[v] = nt;
                        prev[v] = e;
                        if (!queued[v]) {
                            queue[qt] = v;
                            qt = qt + 1 == queue.length ? 0 : qt + 1;
                            queued[v] = true;
                        }
                    }
                }
            }
            if (prev[sink] == -1 || distP[sink] < 0 || (distP[sink] == 0 && distT[sink] <= 0)) {
                return sent;
            }
            for (int v = sink; v != source; ) {
                int e = prev[v];
                flow[e] += 1;
                flow[e ^ 1] -= 1;
                v = to[e ^ 1];
            }
            sent++;
        }
    }
}
