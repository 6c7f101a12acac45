package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/cli.md is what the commands' help says today. */
class CliReferenceTest {

  @Test
  void theCommittedReferenceIsTheHelpOfEveryCommand() throws IOException {
    assertEquals(CliReference.markdown(), Files.readString(Path.of("docs/cli.md")),
        "docs/cli.md is out of date: java -cp \"target/lib/*\" gmloss.cli.CliReference"
            + " docs/cli.md");
  }
}
