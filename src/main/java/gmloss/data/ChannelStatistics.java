package gmloss.data;

/** Per-channel mean and standard deviation of raw pixel values (0..255), used to normalise. */
public record ChannelStatistics(float[] mean, float[] std) {

  public static ChannelStatistics of(ImageSet set) {
    int channels = set.channels();
    double[] sum = new double[channels];
    double[] sumSquares = new double[channels];
    byte[] pixels = set.pixels();
    for (int i = 0; i < pixels.length; i++) {
      int value = pixels[i] & 0xff;
      sum[i % channels] += value;
      sumSquares[i % channels] += (double) value * value;
    }
    long perChannel = pixels.length / channels;
    float[] mean = new float[channels];
    float[] std = new float[channels];
    for (int c = 0; c < channels; c++) {
      double m = sum[c] / perChannel;
      mean[c] = (float) m;
      std[c] = (float) Math.sqrt(Math.max(sumSquares[c] / perChannel - m * m, 1e-6));
    }
    return new ChannelStatistics(mean, std);
  }
}
