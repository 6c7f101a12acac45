package gmloss.cli;

/** {@code gmloss train} as a main class of its own. */
public final class Train {

  private Train() {}

  public static void main(String[] args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "train";
    System.arraycopy(args, 0, command, 1, args.length);
    Main.main(command);
  }
}
