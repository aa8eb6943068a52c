using System.Diagnostics;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// Where a frame's time goes, stage by stage (room, ground, objects, effects...): handed to a renderer, it adds the
/// time since the previous stage to each stage's total. For benchmarks; renderers given none measure nothing.
/// </summary>
public sealed class RenderProfile
{
    private readonly Dictionary<string, long> _ticks = [];
    private readonly List<string> _order = [];
    private long _last;

    public int Frames { get; private set; }

    /// <summary>Starts timing a new frame.</summary>
    public void Begin()
    {
        Frames++;
        _last = Stopwatch.GetTimestamp();
    }

    /// <summary>Charges the time since the last mark to <paramref name="stage"/>.</summary>
    public void Mark(string stage)
    {
        var now = Stopwatch.GetTimestamp();
        if (!_ticks.TryGetValue(stage, out var total)) _order.Add(stage);
        _ticks[stage] = total + (now - _last);
        _last = now;
    }

    /// <summary>Mean milliseconds per frame of each stage, in the order the stages first ran.</summary>
    public IReadOnlyList<(string Stage, double MsPerFrame)> PerFrame() =>
        [.. _order.Select(s => (s, _ticks[s] * 1000.0 / Stopwatch.Frequency / Math.Max(1, Frames)))];
}
