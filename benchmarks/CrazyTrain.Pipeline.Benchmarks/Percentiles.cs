namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>p50/p95/p99 of one stage's samples (nearest rank), in ms.</summary>
internal sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = samples.Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, Round(Rank(0.50)), Round(Rank(0.95)), Round(Rank(0.99)), Round(sorted[^1]));
    }

    private static double Round(double value) => Math.Round(value, 2);
}
