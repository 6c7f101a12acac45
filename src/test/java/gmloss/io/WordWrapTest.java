package gmloss.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Long lines broken at spaces, continuations indented, short ones left alone. */
class WordWrapTest {

  @Test
  void aLongLineBreaksAtSpacesWithItsContinuationsIndented() {
    assertEquals("schedule: 6 epochs\n  of batch 128, lr\n  0.1",
        WordWrap.wrap("schedule: 6 epochs of batch 128, lr 0.1", 18, "  "));
  }

  @Test
  void aLineThatFitsAndEachLineOfSeveralAreKeptApart() {
    assertEquals("short\nalso short", WordWrap.wrap("short\nalso short", 20, "    "));
    assertEquals("exactly ten", WordWrap.wrap("exactly ten", 11, "    "));
  }

  @Test
  void aWordWiderThanTheLineStaysWholeAndLeadingSpacesStay() {
    assertEquals("/a/very/long/path/name\n    next",
        WordWrap.wrap("/a/very/long/path/name next", 10, "    "));
    assertEquals("  tf-demo: alpha\n      0.1, lambda\n      0.01",
        WordWrap.wrap("  tf-demo: alpha 0.1, lambda 0.01", 17, "      "));
  }
}
