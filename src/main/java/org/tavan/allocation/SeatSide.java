package org.tavan.allocation;

import java.util.Arrays;

/**
 * One province's seats in round 1 of one device class: open seats anybody may take and, per
 * reserved group k, seats only the group's members may take. People are counted by their
 * group mask (bit k: member of reserved group k). Seating one more person of mask m is
 * possible exactly when a free seat can be reached by moving already seated people between
 * seats they may take (a member of group k from an open seat to a free seat of k, freeing the
 * open seat); {@link #add} finds such a move by breadth-first search. Nobody seated loses a seat.
 */
final class SeatSide {

    private final int groups;
    /** Seat 0 is open, seat k + 1 is reserved for group k. */
    private final int[] capacity;
    private final int[] used;
    /** seated[m][s]: people of mask m in seat s. */
    private final int[][] seated;

    SeatSide(int open, int[] reserved) {
        this.groups = reserved.length;
        this.capacity = new int[groups + 1];
        capacity[0] = open;
        System.arraycopy(reserved, 0, capacity, 1, groups);
        this.used = new int[groups + 1];
        this.seated = new int[1 << groups][groups + 1];
    }

    private boolean may(int mask, int seat) {
        return seat == 0 || (mask & (1 << (seat - 1))) != 0;
    }

    /** Whether one more person of {@code mask} can be seated, without seating her. */
    boolean canAdd(int mask) {
        return path(mask) != null;
    }

    /** Seats one more person of {@code mask}; false (and nothing changes) if impossible. */
    boolean add(int mask) {
        int[] path = path(mask);
        if (path == null) {
            return false;
        }
        // path: seat, mask, seat, mask, ..., seat; the last seat is free; masks move one seat on.
        int seat = path[path.length - 1];
        used[seat]++;
        for (int i = path.length - 2; i > 0; i -= 2) {
            int m = path[i];
            seated[m][seat]++;
            seat = path[i - 1];
            seated[m][seat]--;
        }
        seated[mask][path[0]]++;
        return true;
    }

    /** Breadth-first from the seats {@code mask} may take to a free seat; null if none. */
    private int[] path(int mask) {
        int seats = groups + 1;
        int[] parentMask = new int[seats];
        int[] parentSeat = new int[1 << groups];
        Arrays.fill(parentMask, -2);
        Arrays.fill(parentSeat, -2);
        int[] queue = new int[seats];
        int head = 0;
        int tail = 0;
        for (int s = 0; s < seats; s++) {
            if (may(mask, s)) {
                parentMask[s] = -1;
                queue[tail++] = s;
            }
        }
        while (head < tail) {
            int s = queue[head++];
            if (used[s] < capacity[s]) {
                int[] reversed = new int[2 * seats];
                int n = 0;
                for (int x = s; x >= 0; ) {
                    reversed[n++] = x;
                    int m = parentMask[x];
                    if (m < 0) {
                        break;
                    }
                    reversed[n++] = m;
                    x = parentSeat[m];
                }
                int[] path = new int[n];
                for (int i = 0; i < n; i++) {
                    path[i] = reversed[n - 1 - i];
                }
                return path;
            }
            // Someone in seat s who may sit elsewhere moves there, freeing s.
            for (int m = 0; m < seated.length; m++) {
                if (seated[m][s] > 0 && parentSeat[m] == -2) {
                    parentSeat[m] = s;
                    for (int t = 0; t < seats; t++) {
                        if (parentMask[t] == -2 && may(m, t)) {
                            parentMask[t] = m;
                            queue[tail++] = t;
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Reserved seats nobody took become open seats (policy v3: they stay in the province). */
    int returnUnusedReserved() {
        int returned = 0;
        for (int s = 1; s < capacity.length; s++) {
            returned += capacity[s] - used[s];
            capacity[s] = used[s];
        }
        capacity[0] += returned;
        return returned;
    }

    int capacity(int seat) {
        return capacity[seat];
    }
}
