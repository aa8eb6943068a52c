using CrazyTrain.Capture.Status;

namespace CrazyTrain.Capture.Api;

/// <summary>
/// <c>/api/capture</c>: status, start, stop and the latest frame for humans (the latest encoded frame, so it
/// shows the camera's view even while Kafka takes nothing).
/// </summary>
internal static class CaptureEndpoints
{
    public static IEndpointRouteBuilder MapCaptureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/capture").WithTags("Capture");

        api.MapGet("/", (CaptureService capture) => TypedResults.Ok(capture.GetStatus()))
            .WithName("GetCaptureStatus");

        // Starting and stopping the camera are operator actions: the operator token, on loopback too.
        api.MapPost("/start", (CaptureService capture) =>
            {
                capture.StartCapture();
                return TypedResults.Accepted("/api/capture", capture.GetStatus());
            })
            .WithName("StartCapture")
            .RequireOperatorToken();

        api.MapPost("/stop", async (CaptureService capture) =>
            {
                await capture.StopCaptureAsync();
                return TypedResults.Ok(capture.GetStatus());
            })
            .WithName("StopCapture")
            .RequireOperatorToken();

        api.MapGet("/frame.jpg", (CaptureService capture, LastPublishedFrame latest, HttpContext context) =>
            {
                if (latest.Current is { } frame)
                {
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers["X-Frame-Id"] = frame.FrameId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return Results.File(frame.Jpeg, frame.ContentType, lastModified: frame.CapturedAt);
                }

                var status = capture.GetStatus();
                return status.State == CaptureState.Running
                    ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No frame yet",
                        detail: $"Capture from {status.Source} runs but has not encoded a frame yet.")
                    : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No frame",
                        detail: $"Capture is {status.State}: {status.LastError ?? "no frame has been captured."}");
            })
            .WithName("GetLatestFrame");

        return endpoints;
    }
}
