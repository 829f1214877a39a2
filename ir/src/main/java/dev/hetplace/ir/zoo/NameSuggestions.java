package dev.hetplace.ir.zoo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Closest known names to a mistyped one, by optimal-string-alignment distance (Levenshtein plus adjacent
 * transpositions, so {@code resnet81} is one edit from {@code resnet18}). Ties go to the name sharing more
 * characters with the query, then to the order of {@code known}. When some names start with the query (the
 * user typed the beginning of a name) only those qualify; otherwise names within {@code max(2, length / 3)}
 * edits do. At most three are returned.
 */
final class NameSuggestions {
    static final int MAX_SUGGESTIONS = 3;

    private record Scored(String name, int distance, int shared, int order) {
    }

    private NameSuggestions() {
    }

    static List<String> closest(String query, List<String> known) {
        String q = query.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, q.length() / 3);
        boolean prefixes = !q.isEmpty() && known.stream().anyMatch(n -> n.startsWith(q));
        List<Scored> hits = new ArrayList<>();
        for (int i = 0; i < known.size(); i++) {
            String name = known.get(i);
            int d = distance(q, name);
            if (prefixes ? name.startsWith(q) : d <= limit) {
                hits.add(new Scored(name, d, sharedCharacters(q, name), i));
            }
        }
        hits.sort(Comparator.comparingInt(Scored::distance)
                .thenComparing(Comparator.comparingInt(Scored::shared).reversed())
                .thenComparingInt(Scored::order));
        return hits.stream().limit(MAX_SUGGESTIONS).map(Scored::name).toList();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** Size of the multiset intersection of the two strings' characters. */
    static int sharedCharacters(String a, String b) {
        List<Character> pool = new ArrayList<>();
        for (char c : a.toCharArray()) {
            pool.add(c);
        }
        int shared = 0;
        for (char c : b.toCharArray()) {
            if (pool.remove((Character) c)) {
                shared++;
            }
        }
        return shared;
    }
}
