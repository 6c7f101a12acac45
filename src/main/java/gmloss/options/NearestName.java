package gmloss.options;

import java.util.Optional;

/** The name a user most likely meant, for the "did you mean" of options and commands. */
public final class NearestName {

  private NearestName() {}

  /** The candidate nearest to {@code typed}, if one is within two edits. */
  public static Optional<String> of(String typed, Iterable<String> candidates) {
    String best = null;
    for (String candidate : candidates) {
      int distance = editDistance(typed, candidate);
      if (distance <= 2 && (best == null || distance < editDistance(typed, best))) {
        best = candidate;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  public static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
