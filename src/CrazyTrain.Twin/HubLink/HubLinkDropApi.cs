using CrazyTrain.LegoWireless.Virtual;

namespace CrazyTrain.Twin.HubLink;

/// <summary>
/// <c>POST /api/twin/hub/drop</c>: the twin plays the Bluetooth adapter's side of the link and drops the current
/// controller, as BlueZ's <c>Device1.Disconnect</c> does on the edge; the hub then stops its motor (docs/twin.md).
/// The hub guard calls it when the controller stops beating; the fault suite calls it to lose the hub. It needs the
/// operator token: whoever can drop the link can stop the train.
/// </summary>
public static class HubLinkDropApi
{
    public const string Route = "/api/twin/hub/drop";

    public static IEndpointRouteBuilder MapHubLinkDrop(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, (DropRequest? body, VirtualCityHub hub, ILoggerFactory logs) =>
        {
            var reason = string.IsNullOrWhiteSpace(body?.Reason) ? "link dropped by the adapter" : body.Reason.Trim();
            var held = hub.IsConnected;
            hub.DropLink(reason);
            logs.CreateLogger(typeof(HubLinkDropApi).FullName!).LogWarning(
                "Hub link drop requested: {Reason} ({Outcome}).", reason, held ? "the controller was cut off, the motor stops" : "no controller held the hub");
            return Results.Ok(new DropResult(held, reason));
        }).RequireOperatorToken();
        return app;
    }

    /// <summary>Why the link is dropped; the controller receives it as the hub's drop reason.</summary>
    public sealed record DropRequest(string? Reason);

    /// <summary>Whether a controller held the hub (and was cut off), and the reason given.</summary>
    public sealed record DropResult(bool Dropped, string Reason);
}
