using System.Text.Json;

namespace CrazyTrain.Console.State;

/// <summary>The last answer of one service endpoint, or why there was none.</summary>
public sealed record ServiceStatus(bool Reachable, int? HttpStatus, JsonElement? Data, string? Error, DateTimeOffset CheckedAt)
{
    public static ServiceStatus Unknown { get; } = new(false, null, null, "not asked yet", DateTimeOffset.MinValue);
}

/// <summary>The names under which the hub keeps what the poller learns.</summary>
public static class ServiceNames
{
    public const string Capture = "capture";
    public const string Model = "model";
    public const string Train = "train";
    public const string Orders = "orders";
    public const string Broker = "broker";

    public static IReadOnlyList<string> All { get; } = [Capture, Model, Train, Orders, Broker];
}
