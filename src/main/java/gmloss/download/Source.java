package gmloss.download;

import gmloss.io.EnumNames;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The datasets {@code gmloss download} fetches, from their official hosts, with the checksums
 * their publishers give: the binary CIFAR tarballs from the CIFAR home page, the IDX files of
 * Fashion-MNIST from Zalando's mirror (then its GitHub copy) and of MNIST from Yann LeCun's page
 * (then the copy PyTorch uses).
 */
public enum Source {
  CIFAR10(archive("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530",
      "https://www.cs.toronto.edu/~kriz/")),
  CIFAR100(archive("cifar-100-binary.tar.gz", "03b5dce01913d631647c71ecec9e9cb8",
      "https://www.cs.toronto.edu/~kriz/")),
  FASHION_MNIST(idx(new String[] {"8d4fb7e6c68d591d4c3dfef9ec88bf0d",
      "25c81989df183df01b3e8a0aad5dffbe", "bef4ecab320f06d8554ea6380940ec79",
      "bb300cfdad3c16e7a12a480ee83cd310"},
      "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
      "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/")),
  MNIST(idx(new String[] {"f68b3c2dcbeaaa9fbdd348bbdeb94873",
      "d53e105ee54ea40749a09fcbcd1e9432", "9fb629c4189551a2d022fa330f9573f3",
      "ec29112dd5afa0611ce80d1b7f02629c"},
      "http://yann.lecun.com/exdb/mnist/", "https://ossci-datasets.s3.amazonaws.com/mnist/"));

  private final List<RemoteFile> files;

  Source(List<RemoteFile> files) {
    this.files = files;
  }

  /** The dataset's name on the command line and its directory in the data home. */
  public String cliName() {
    return EnumNames.of(this);
  }

  public List<RemoteFile> files() {
    return files;
  }

  /**
   * The files fetched from a mirror instead: {@code url} is the archive itself for a dataset of
   * one archive, the folder holding the files otherwise.
   */
  public List<RemoteFile> filesFrom(URI url) {
    if (files.size() == 1) {
      return List.of(files.get(0).from(url));
    }
    URI folder = url.toString().endsWith("/") ? url : URI.create(url + "/");
    return files.stream().map(f -> f.from(folder.resolve(f.name()))).toList();
  }

  public static Optional<Source> fromCliName(String name) {
    return EnumNames.parse(Source.class, name);
  }

  public static String cliNames() {
    return EnumNames.choices(Source.class);
  }

  private static List<RemoteFile> archive(String name, String md5, String folder) {
    return List.of(new RemoteFile(name, List.of(URI.create(folder + name)), md5, true));
  }

  /** The four IDX files, with their MD5s in this order, from each of {@code folders}. */
  private static List<RemoteFile> idx(String[] md5s, String... folders) {
    List<String> names = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    return names.stream().map(name -> new RemoteFile(name, Arrays.stream(folders)
        .map(folder -> URI.create(folder + name)).toList(), md5s[names.indexOf(name)], false))
        .toList();
  }
}
