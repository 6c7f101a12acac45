package gmloss.data;

import java.util.List;

/** A labelled dataset with its training and test splits and the names of its classes. */
public record Dataset(String name, ImageSet train, ImageSet test, List<String> classNames) {

  public int numClasses() {
    return classNames.size();
  }

  /** Keeps only the first examples of each split; a limit of 0 or less keeps the whole split. */
  public Dataset limited(int trainLimit, int testLimit) {
    return new Dataset(
        name,
        trainLimit > 0 ? train.first(trainLimit) : train,
        testLimit > 0 ? test.first(testLimit) : test,
        classNames);
  }
}
