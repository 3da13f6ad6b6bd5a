package io.s3vector.tests;

import java.util.List;

/** A short line diff for failure messages: the lines around the first differences. */
final class LineDiff {
  private LineDiff() {}

  static String diff(String expected, String actual) {
    List<String> e = expected.lines().toList();
    List<String> a = actual.lines().toList();
    // longest common subsequence, then print the edit script (files here are small)
    int[][] lcs = new int[e.size() + 1][a.size() + 1];
    for (int i = e.size() - 1; i >= 0; i--) {
      for (int j = a.size() - 1; j >= 0; j--) {
        lcs[i][j] =
            e.get(i).equals(a.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    StringBuilder sb = new StringBuilder();
    int i = 0;
    int j = 0;
    int shown = 0;
    while ((i < e.size() || j < a.size()) && shown < 120) {
      if (i < e.size() && j < a.size() && e.get(i).equals(a.get(j))) {
        i++;
        j++;
      } else if (j < a.size() && (i == e.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
        sb.append(String.format("+%4d: %s%n", j + 1, a.get(j++)));
        shown++;
      } else {
        sb.append(String.format("-%4d: %s%n", i + 1, e.get(i++)));
        shown++;
      }
    }
    return sb.toString();
  }
}
