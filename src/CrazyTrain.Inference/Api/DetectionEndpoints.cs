using CrazyTrain.Inference.Detections;
using CrazyTrain.Inference.Frames;
using CrazyTrain.Inference.Hosting;
using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Imaging;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Inference.Api;

/// <summary><c>GET /api/model</c> and <c>POST /api/detect</c>: the service's own HTTP API.</summary>
public static class DetectionEndpoints
{

    public static IEndpointRouteBuilder MapDetectionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Detection");
        api.MapGet("/model", GetModel).WithName("GetModel");
        api.MapPost("/detect", DetectAsync).WithName("Detect").DisableAntiforgery().RequireRateLimiting(RequestLimits.Policy);
        return app;
    }

    private static IResult GetModel(SignDetector detector, IOptions<InferenceOptions> options)
    {
        var runtime = detector.Current;
        var card = runtime.Model.Card;
        return Results.Json(
            new
            {
                name = card.Name,
                version = card.Version,
                labels = card.Labels,
                input = new
                {
                    name = card.Input.Name,
                    width = card.Input.Width,
                    height = card.Input.Height,
                    layout = "NCHW",
                    colorOrder = card.Input.ColorOrder == ColorOrder.Rgb ? "RGB" : "BGR",
                    resize = card.Input.Resize == ResizeMode.Letterbox ? "letterbox" : "stretch",
                },
                executionProvider = runtime.Model.ExecutionProvider,
                threshold = options.Value.Threshold ?? card.Threshold,
                file = runtime.Model.FilePath,
                loadedAt = runtime.Model.LoadedAt,
            },
            InferenceJson.Options);
    }

    private static async Task<IResult> DetectAsync(
        HttpRequest request, SignDetector detector, IOptions<InferenceOptions> options, float? threshold, CancellationToken cancellationToken)
    {
        if (threshold is { } t && !(t is >= 0f and <= 1f))
        {
            return Rejected("bad-threshold", $"threshold must be within 0..1, got {t}.");
        }

        var contentType = request.ContentType?.Split(';', 2)[0].Trim();
        // Any image/* type: the decoder judges the bytes, not the label (a camera's WebP often travels as image/jpeg).
        if (!string.IsNullOrEmpty(contentType)
            && !contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            && !contentType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            return Rejected(ImageRejectedException.UnsupportedFormat, $"Content-Type '{contentType}' is not an image; send image/* or application/octet-stream.");
        }

        var limit = options.Value.MaxImageBytes;
        var body = await RequestBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return Rejected(ImageRejectedException.Oversized, $"The image is larger than the {limit} bytes allowed (Inference:MaxImageBytes).");
        }

        try
        {
            var result = detector.DetectRequest(body, threshold ?? options.Value.Threshold);
            return Results.Json(result, InferenceJson.Options);
        }
        catch (ImageRejectedException ex)
        {
            return Rejected(ex.Reason, ex.Message);
        }
    }

    private static IResult Rejected(string reason, string detail) =>
        Results.Problem(
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            title: "The image was rejected",
            extensions: new Dictionary<string, object?> { ["reason"] = reason });
}
