package gmloss.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Numbers as outputs write them: one form for a learning rate everywhere, counts with nouns. */
class NumbersTest {

  @Test
  void aRateHasFourSignificantDigitsInDecimalsOrAsAPowerOfTen() {
    assertEquals("0.1", Numbers.rate(0.1f));
    assertEquals("0.09049", Numbers.rate(0.090486f));
    assertEquals("0.001", Numbers.rate(0.001));
    assertEquals("2.467e-05", Numbers.rate(2.46720e-05));
    assertEquals("4.506e-08", Numbers.rate(4.5061e-08));
    assertEquals("1e-05", Numbers.rate(1e-05));
    assertEquals("0", Numbers.rate(0));
  }

  @Test
  void aCountAgreesWithItsNoun() {
    assertEquals("1 epoch", Numbers.counted(1, "epoch"));
    assertEquals("2 epochs", Numbers.counted(2, "epoch"));
    assertEquals("0.5 epochs", Numbers.counted(0.5, "epoch"));
    assertEquals("1 epoch", Numbers.counted(1.0, "epoch"));
  }
}
