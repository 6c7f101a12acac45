package gmloss.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Typed option values: each bad value is refused with a message naming the option. */
class OptionValuesTest {

  private enum Colour { DARK_RED, BLUE }

  private static final OptionSpecs SPECS = new OptionSpecs()
      .value("epochs", "N", "6", "training epochs")
      .value("lr", "RATE", "0.1", "learning rate")
      .value("colour", "NAME", "blue", "a colour")
      .value("nesterov", "BOOL", "true", "Nesterov")
      .flag("overwrite", "write over");

  private static OptionValues values(Map<String, String> given) {
    return SPECS.resolve(given, Map.of("lr", "0.2"));
  }

  private static String refusal(Runnable read) {
    return assertThrows(OptionException.class, read::run).getMessage();
  }

  @Test
  void givenValuesWinOverPresetsWhichWinOverDefaults() {
    OptionValues values = values(Map.of("epochs", "3"));
    assertEquals(3, values.integer("epochs", 1, 10));
    assertEquals(0.2f, values.positive("lr"));
    assertEquals(Colour.BLUE, values.choice("colour", Colour.class));
    assertEquals(List.of("epochs"), List.copyOf(values.values().keySet()).subList(0, 1));
    assertTrue(values.isExplicit("epochs"));
    assertEquals(false, values.flag("overwrite"));
    assertEquals(Colour.DARK_RED,
        values(Map.of("colour", "Dark-Red")).choice("colour", Colour.class));
  }

  @Test
  void eachBadValueIsNamedWithWhatIsWrong() {
    assertEquals("--epochs two: not an integer",
        refusal(() -> values(Map.of("epochs", "two")).integer("epochs", 1, 10)));
    assertEquals("--epochs 11: must be between 1 and 10",
        refusal(() -> values(Map.of("epochs", "11")).integer("epochs", 1, 10)));
    assertEquals("--epochs 99999999999: must be between 1 and 10",
        refusal(() -> values(Map.of("epochs", "99999999999")).integer("epochs", 1, 10)));
    assertTrue(refusal(() -> values(Map.of("lr", "nan")).positive("lr"))
        .startsWith("--lr nan: "));
    assertEquals("--colour green: expected one of dark-red|blue",
        refusal(() -> values(Map.of("colour", "green")).choice("colour", Colour.class)));
    assertEquals("--nesterov maybe: expected true or false",
        refusal(() -> values(Map.of("nesterov", "maybe")).bool("nesterov")));
    assertEquals("--lr 'x': parsed", refusal(() -> values(Map.of()).parsed("lr", text -> {
      throw new IllegalArgumentException("'x': parsed");
    })));
  }

  @Test
  void anUnknownOptionIsRefusedWithTheNearestNameAndTheExceptionNamesItsSetting() {
    OptionException unknown = assertThrows(OptionException.class,
        () -> values(Map.of("epoch", "3")));
    assertEquals("unknown option --epoch (did you mean --epochs?)", unknown.getMessage());
    assertEquals(Optional.of("epochs"),
        new OptionException("--epochs two: not an integer").setting());
    assertEquals(Optional.empty(), new OptionException("no option named here").setting());
  }
}
