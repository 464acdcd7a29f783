package org.tavan.allocation;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The unit side of one device class's assignment: which people (by fit set: the set of
 * variants a person fits) hold how many units of which variant. Adding a person of fit set
 * {@code f} is possible exactly when there is an alternating path f → variant → (a person of
 * another fit set moves to another variant) → ... → a variant with a unit left; {@link #add}
 * finds the shortest one by breadth-first search and moves everybody on it. Nobody already
 * holding a unit ever loses it, which is what makes the greedy in {@link ClassMatch} exact.
 *
 * <p>A search that fails reaches a set of fit sets and variants none of which can reach a free
 * unit; later additions only ever use paths that end at a free unit, so they never enter that
 * set and it stays dead: it is skipped from then on. So a class costs at most (units +
 * fit sets) searches, each over fit sets × variants, however many people are waiting.
 */
final class UnitSide {

    private final BitSet[] fits;
    private final int variants;
    private final int[][] held;
    private final long[] left;
    private final boolean[] deadSet;
    private final boolean[] deadVariant;
    private final int[] setParent;
    private final int[] variantParent;
    private final int[] queue;
    private final boolean[] seenSet;
    private final boolean[] seenVariant;

    UnitSide(BitSet[] fits, long[] unitsPerVariant) {
        this.fits = fits;
        this.variants = unitsPerVariant.length;
        this.held = new int[fits.length][variants];
        this.left = unitsPerVariant.clone();
        this.deadSet = new boolean[fits.length];
        this.deadVariant = new boolean[variants];
        this.setParent = new int[fits.length];
        this.variantParent = new int[variants];
        this.queue = new int[fits.length];
        this.seenSet = new boolean[fits.length];
        this.seenVariant = new boolean[variants];
    }

    /** Gives a person of fit set {@code f} a unit, moving others if need be; false if impossible. */
    boolean add(int f) {
        if (deadSet[f]) {
            return false;
        }
        Arrays.fill(seenSet, false);
        Arrays.fill(seenVariant, false);
        int head = 0;
        int tail = 0;
        queue[tail++] = f;
        seenSet[f] = true;
        setParent[f] = -1;
        while (head < tail) {
            int s = queue[head++];
            BitSet vs = fits[s];
            for (int v = vs.nextSetBit(0); v >= 0; v = vs.nextSetBit(v + 1)) {
                if (seenVariant[v] || deadVariant[v]) {
                    continue;
                }
                seenVariant[v] = true;
                variantParent[v] = s;
                if (left[v] > 0) {
                    augment(v);
                    return true;
                }
                for (int t = 0; t < held.length; t++) {
                    if (!seenSet[t] && !deadSet[t] && held[t][v] > 0) {
                        seenSet[t] = true;
                        setParent[t] = v;
                        queue[tail++] = t;
                    }
                }
            }
        }
        for (int i = 0; i < tail; i++) {
            deadSet[queue[i]] = true;
        }
        for (int v = 0; v < variants; v++) {
            if (seenVariant[v]) {
                deadVariant[v] = true;
            }
        }
        return false;
    }

    private void augment(int end) {
        left[end]--;
        int v = end;
        while (true) {
            int s = variantParent[v];
            held[s][v]++;
            int from = setParent[s];
            if (from < 0) {
                return;
            }
            held[s][from]--;
            v = from;
        }
    }

    /** How many people of fit set {@code f} hold a unit of variant {@code v}. */
    int held(int f, int v) {
        return held[f][v];
    }

    long left(int v) {
        return left[v];
    }
}
