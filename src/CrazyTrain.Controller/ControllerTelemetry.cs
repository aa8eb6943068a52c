using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CrazyTrain.Controller;

/// <summary>The controller's spans and counters; ServiceDefaults exports every source named CrazyTrain.*.</summary>
public sealed class ControllerTelemetry : IDisposable
{
    public const string Name = "CrazyTrain.Controller";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;

    public ControllerTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        Orders = _meter.CreateCounter<long>("crazytrain.controller.orders", description: "Orders given, by action.");
        MalformedDetections = _meter.CreateCounter<long>("crazytrain.controller.detections.malformed", description: "Detection messages that could not be read.");
        HubCommandFailures = _meter.CreateCounter<long>("crazytrain.controller.hub.command_failures", description: "Motor or light commands the hub did not confirm.");
    }

    public Counter<long> Orders { get; }

    public Counter<long> MalformedDetections { get; }

    public Counter<long> HubCommandFailures { get; }

    public void Dispose() => _meter.Dispose();
}
