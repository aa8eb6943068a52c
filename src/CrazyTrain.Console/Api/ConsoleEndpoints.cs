using System.Globalization;
using CrazyTrain.Console.Operators;
using CrazyTrain.Console.State;

namespace CrazyTrain.Console.Api;

/// <summary>The console's HTTP API: the snapshot, the latest frame's image and the operator actions.</summary>
public static class ConsoleEndpoints
{
    public const string FrameIdHeader = "X-Frame-Id";
    public const string CapturedAtHeader = "X-Captured-At";

    public static IEndpointRouteBuilder MapConsoleEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Console");
        api.MapGet("/state", GetState);
        api.MapGet("/frames/latest.jpg", GetFrame);
        api.MapPost("/actions/{action}", RunActionAsync).DisableAntiforgery();
        api.MapGet("/events", EventStreamEndpoint.StreamAsync);
        return app;
    }

    /// <summary>The full state: the polling fallback, and the first thing a page reads.</summary>
    private static IResult GetState(HttpContext context, TrainStateHub hub, OperatorAccess access)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(hub.Snapshot(OperatorInfoFor(context, access)), Messaging.TrainJson.Options);
    }

    internal static OperatorInfo OperatorInfoFor(HttpContext context, OperatorAccess access) =>
        new(access.SignedIn(context));

    /// <summary>
    /// The frame with the asked id while the console still holds it, else the latest; the id actually served is in
    /// <see cref="FrameIdHeader"/>, so the page draws the boxes of that frame and no other.
    /// </summary>
    private static IResult GetFrame(HttpContext context, TrainStateHub hub, long? id)
    {
        context.Response.Headers.CacheControl = "no-store";
        var frame = hub.Frame(id);
        if (frame is null)
        {
            return Results.Json(new { error = "No frame has reached the console yet." }, statusCode: StatusCodes.Status404NotFound);
        }

        context.Response.Headers[FrameIdHeader] = frame.FrameId.ToString(CultureInfo.InvariantCulture);
        if (frame.CapturedAt is { } capturedAt)
        {
            context.Response.Headers[CapturedAtHeader] = capturedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }

        return Results.Bytes(frame.Image, frame.ContentType);
    }

    private static async Task<IResult> RunActionAsync(string action, HttpContext context, OperatorAccess access, OperatorActionRunner runner)
    {
        var known = OperatorAction.Find(action);
        if (known is null)
        {
            return Results.Json(
                new { error = $"Unknown action '{action}'.", actions = OperatorAction.All.Select(candidate => candidate.Name) },
                statusCode: StatusCodes.Status404NotFound);
        }

        if (access.Check(context, known) is { } denied)
        {
            if (denied.Status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = $"{OperatorToken.Scheme} realm=\"crazytrain-console\"";
            }

            return Results.Json(new { action = known.Name, error = denied.Reason }, statusCode: denied.Status);
        }

        var operatorAddress = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        // An operator who closes the tab mid-action must not cancel a stop already on its way.
        var outcome = await runner.RunAsync(known, operatorAddress, CancellationToken.None);
        return Results.Json(outcome, Messaging.TrainJson.Options, statusCode: outcome.Status);
    }
}
