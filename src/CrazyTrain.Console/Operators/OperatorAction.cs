using CrazyTrain.Console.Upstream;

namespace CrazyTrain.Console.Operators;

/// <summary>A button on the page and the service call behind it.</summary>
/// <param name="BypassesQueue">An emergency stop never waits behind another operator's action.</param>
/// <param name="OpenToEveryone">An emergency stop needs no sign-in: whoever sees the console may stop the train.</param>
public sealed record OperatorAction(string Name, string Service, string Path, bool BypassesQueue = false, bool OpenToEveryone = false)
{
    public static readonly OperatorAction CaptureStart = new("capture-start", UpstreamServices.Capture, "/api/capture/start");
    public static readonly OperatorAction CaptureStop = new("capture-stop", UpstreamServices.Capture, "/api/capture/stop");
    public static readonly OperatorAction TrainStart = new("train-start", UpstreamServices.Controller, "/api/train/start");
    public static readonly OperatorAction EmergencyStop = new("emergency-stop", UpstreamServices.Controller, "/api/train/emergency-stop", BypassesQueue: true, OpenToEveryone: true);
    public static readonly OperatorAction Resume = new("resume", UpstreamServices.Controller, "/api/train/resume");

    public static IReadOnlyList<OperatorAction> All { get; } = [CaptureStart, CaptureStop, TrainStart, EmergencyStop, Resume];

    public static OperatorAction? Find(string name) =>
        All.FirstOrDefault(action => string.Equals(action.Name, name, StringComparison.OrdinalIgnoreCase));
}
