namespace CrazyTrain.Training.Training;

/// <summary>The random draws both samplers (detector crops, reader crops) share, so both see the same colour jitter.</summary>
internal static class Augment
{
    public static double Lerp(double a, double b, double t) => a + ((b - a) * t);

    /// <summary>
    /// Brightness x0.75-1.25 times a colour cast of x0.9-1.1 per RGB channel (lamp light, white balance), each gain
    /// divided by <paramref name="divisor"/> (255 turns 8-bit pixels straight into [0,1] inputs).
    /// </summary>
    public static void ColourGains(Random random, float[] gains, double divisor = 1)
    {
        var brightness = Lerp(0.75, 1.25, random.NextDouble());
        for (var c = 0; c < gains.Length; c++)
        {
            gains[c] = (float)(brightness * Lerp(0.9, 1.1, random.NextDouble()) / divisor);
        }
    }
}
