package gmloss.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A typed setting: checked when set, read back typed, refused in words that name it. */
class SettingTest {

  private enum Colour { DARK_RED, BLUE }

  private static final Setting<Integer> EPOCHS = Setting.integer("epochs", "6", 1, 10, false);
  private static final Setting<Float> RATE = Setting.positive("lr", "0.1", false);
  private static final Setting<Colour> COLOUR = Setting.choice("colour", "blue", Colour.class,
      true);
  private static final Setting<Boolean> OVERWRITE = Setting.flag("overwrite", false);
  private static final Setting<Path> DIR = Setting.path("dir", true);

  private static String refusal(Runnable check) {
    return assertThrows(OptionException.class, check::run).getMessage();
  }

  @Test
  void aValueIsCheckedAgainstWhatItsSettingTakes() {
    assertEquals(3, EPOCHS.check("3"));
    assertEquals("--epochs 0: must be between 1 and 10", refusal(() -> EPOCHS.check("0")));
    assertEquals("--epochs two: not an integer", refusal(() -> EPOCHS.check("two")));
    assertEquals("--lr 0: must be > 0", refusal(() -> RATE.check("0")));
    assertEquals("--colour green: expected one of dark-red|blue",
        refusal(() -> COLOUR.check("green")));
    assertEquals(Colour.DARK_RED, COLOUR.check("dark-red"));
    assertEquals(Optional.of("epochs"),
        assertThrows(OptionException.class, () -> EPOCHS.check("x")).setting());
  }

  @Test
  void aTypedValueIsWrittenAsTheCommandLineWritesIt() {
    assertEquals("0.0005", RATE.text(5e-4f));
    assertEquals("dark-red", COLOUR.text(Colour.DARK_RED));
    assertEquals("runs/a b", DIR.text(Path.of("runs/a b")));
    assertEquals("--epochs 11: must be between 1 and 10", refusal(() -> EPOCHS.text(11)));
  }

  @Test
  void aFlagIsTrueOrFalseAndOnOnlyWhenGiven() {
    assertEquals(true, OVERWRITE.check("true"));
    assertEquals(false, OVERWRITE.check("false"));
    assertEquals("--overwrite maybe: expected true or false",
        refusal(() -> OVERWRITE.check("maybe")));
    assertEquals(false, OVERWRITE.read(new OptionValues(Map.of(), List.of())));
  }

  @Test
  void aTableOfValuesIsReadTyped() {
    OptionSpecs specs = new OptionSpecs().setting(EPOCHS).setting(RATE).setting(DIR)
        .setting(OVERWRITE);
    OptionValues values = specs.resolve(Map.of("epochs", "4", "overwrite", "true"),
        Map.of("lr", "0.2"));
    assertEquals(4, values.get(EPOCHS));
    assertEquals(0.2f, values.get(RATE));
    assertEquals(true, values.get(OVERWRITE));
    assertEquals(Optional.empty(), values.optional(DIR));
    assertEquals("--epochs 40: must be between 1 and 10", refusal(() ->
        specs.resolve(Map.of("epochs", "40"), Map.of()).get(EPOCHS)));
    assertEquals(true, specs.entries().get("dir").fixed());
    assertEquals("6", specs.entries().get("epochs").defaultValue());
  }

  @Test
  void aDefaultItsSettingDoesNotTakeIsADeclarationError() {
    assertEquals("--epochs 0: must be between 1 and 10",
        refusal(() -> Setting.integer("epochs", "0", 1, 10, false)));
  }
}
