using System.Diagnostics.Metrics;

namespace CrazyTrain.HubGuard;

/// <summary>The guard's counters; ServiceDefaults exports every meter named CrazyTrain.*.</summary>
internal sealed class GuardTelemetry : IDisposable
{
    public const string Name = "CrazyTrain.HubGuard";

    private readonly Meter _meter;

    public GuardTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        MissedBeats = _meter.CreateCounter<long>("crazytrain.hubguard.missed_beats", description: "Probes of the controller's /alive without a healthy answer.");
        Cuts = _meter.CreateCounter<long>("crazytrain.hubguard.cuts", description: "Times the hub's link was cut because the controller stopped beating.");
        CutFailures = _meter.CreateCounter<long>("crazytrain.hubguard.cut_failures", description: "Cuts that failed: the train may still be running.");
    }

    public Counter<long> MissedBeats { get; }

    public Counter<long> Cuts { get; }

    public Counter<long> CutFailures { get; }

    public void Dispose() => _meter.Dispose();
}
