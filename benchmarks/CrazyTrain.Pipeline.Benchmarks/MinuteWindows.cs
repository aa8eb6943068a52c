namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// The values of one measure in the minute after the warm-up (<see cref="Settled"/>, 60-120 s) and in the last minute of
/// the run (<see cref="Last"/>), for comparing the two.
/// </summary>
internal sealed record MinuteWindows(IReadOnlyList<double> Settled, IReadOnlyList<double> Last)
{
    /// <summary>Peak against peak, in % (one decimal).</summary>
    public double PeakGrowthPercent => Growth(Settled.Max(), Last.Max());

    /// <summary>
    /// Highest of the last minute against the lowest of the minute after the warm-up, in % (one decimal): for a value
    /// that changes only now and then (the heap after each full collection), the strictest comparison.
    /// </summary>
    public double RiseGrowthPercent => Growth(Settled.Min(), Last.Max());

    /// <summary>Lowest against lowest, in % (one decimal): the floor a sawtooth returns to.</summary>
    public double FloorGrowthPercent => Growth(Settled.Min(), Last.Min());

    /// <summary>
    /// Null when the run is shorter than three minutes (the two windows would overlap), either window has no known
    /// value, or the baseline has a value that is not above zero (nothing to take a percentage of).
    /// </summary>
    public static MinuteWindows? Of(IEnumerable<(double Seconds, double? Value)> samples)
    {
        var known = samples.Where(sample => sample.Value is not null).Select(sample => (sample.Seconds, Value: sample.Value!.Value)).ToList();
        if (known.Count == 0)
        {
            return null;
        }

        var end = known.Max(sample => sample.Seconds);
        var warmUp = SoakVerdict.WarmUpSeconds;
        var settled = known.Where(sample => sample.Seconds >= warmUp && sample.Seconds < warmUp + 60).Select(sample => sample.Value).ToList();
        var last = known.Where(sample => sample.Seconds > end - 60).Select(sample => sample.Value).ToList();
        return end < warmUp + 120 || settled.Count == 0 || last.Count == 0 || settled.Min() <= 0
            ? null
            : new MinuteWindows(settled, last);
    }

    private static double Growth(double from, double to) => Math.Round(100 * (to - from) / from, 1);
}
