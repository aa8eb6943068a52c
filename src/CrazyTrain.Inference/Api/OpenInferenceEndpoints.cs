using System.Reflection;
using System.Text.Json;
using CrazyTrain.Inference.Detections;
using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Runtime;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Inference.Api;

/// <summary>
/// The Open Inference Protocol (KServe v2) REST endpoints, so standard model-serving clients can query and
/// run the raw model: health, server and model metadata, and inference on JSON tensors (FP32, flat or
/// nested row-major data). Errors answer <c>{"error": "..."}</c> as the protocol asks.
/// </summary>
public static class OpenInferenceEndpoints
{
    public const string Platform = "onnxruntime_onnx";

    public static IEndpointRouteBuilder MapOpenInferenceEndpoints(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2").WithTags("Open Inference Protocol");
        v2.MapGet("", ServerMetadata);
        v2.MapGet("/health/live", () => Results.Ok(new { live = true }));
        v2.MapGet("/health/ready", (SignDetector detector) => Results.Ok(new { ready = true, model = detector.Current.Identity.Name }));
        v2.MapGet("/models/{name}", (string name, SignDetector detector) => ModelMetadata(name, null, detector));
        v2.MapGet("/models/{name}/versions/{version}", (string name, string version, SignDetector detector) => ModelMetadata(name, version, detector));
        v2.MapGet("/models/{name}/ready", (string name, SignDetector detector) => ModelReady(name, null, detector));
        v2.MapGet("/models/{name}/versions/{version}/ready", (string name, string version, SignDetector detector) => ModelReady(name, version, detector));
        v2.MapPost("/models/{name}/infer", (string name, HttpRequest request, SignDetector detector, IOptions<Hosting.InferenceOptions> options, CancellationToken ct) =>
            InferAsync(name, null, request, detector, options.Value, ct)).DisableAntiforgery().RequireRateLimiting(RequestLimits.Policy);
        v2.MapPost("/models/{name}/versions/{version}/infer", (string name, string version, HttpRequest request, SignDetector detector, IOptions<Hosting.InferenceOptions> options, CancellationToken ct) =>
            InferAsync(name, version, request, detector, options.Value, ct)).DisableAntiforgery().RequireRateLimiting(RequestLimits.Policy);
        return app;
    }

    private static IResult ServerMetadata() => Results.Json(new
    {
        name = "crazytrain-inference",
        version = typeof(OpenInferenceEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0",
        extensions = Array.Empty<string>(),
    });

    private static IResult ModelMetadata(string name, string? version, SignDetector detector)
    {
        var runtime = detector.Current;
        if (Unknown(name, version, runtime) is { } missing)
        {
            return missing;
        }

        var model = runtime.Model;
        return Results.Json(new
        {
            name = runtime.Identity.Name,
            versions = new[] { runtime.Identity.Version },
            platform = Platform,
            inputs = new[] { new TensorMetadata(model.Card.Input.Name, "FP32", model.InputShape) },
            outputs = new[]
            {
                new TensorMetadata(model.Card.Output.Boxes, "FP32", model.BoxesShape),
                new TensorMetadata(model.Card.Output.Scores, "FP32", model.ScoresShape),
            },
        });
    }

    private static IResult ModelReady(string name, string? version, SignDetector detector) =>
        Unknown(name, version, detector.Current) ?? Results.Ok(new { name, ready = true });

    private static async Task<IResult> InferAsync(
        string name, string? version, HttpRequest request, SignDetector detector, Hosting.InferenceOptions options, CancellationToken cancellationToken)
    {
        var runtime = detector.Current;
        if (Unknown(name, version, runtime) is { } missing)
        {
            return missing;
        }

        var model = runtime.Model;
        var inputName = model.Card.Input.Name;
        var expectedShape = model.InputShape;
        var expectedCount = checked((int)expectedShape.Aggregate(1L, (a, b) => a * b));

        // JSON numbers take up to ~12 bytes each; allow that much on top of the image limit.
        var body = await RequestBody.ReadAsync(request, Math.Max(options.MaxImageBytes, expectedCount * 16), cancellationToken);
        if (body is null)
        {
            return Error("The request body is too large.");
        }

        string? id;
        float[] data;
        string[] outputs;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Error("The request must be a JSON object with an 'inputs' array.");
            }

            id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array || inputs.GetArrayLength() != 1)
            {
                return Error($"'inputs' must hold exactly one tensor, '{inputName}'.");
            }

            var input = inputs[0];
            var tensorName = input.TryGetProperty("name", out var n) ? n.GetString() : null;
            if (tensorName != inputName)
            {
                return Error($"Unknown input '{tensorName}'; the model's input is '{inputName}'.");
            }

            var datatype = input.TryGetProperty("datatype", out var d) ? d.GetString() : null;
            if (datatype != "FP32")
            {
                return Error($"Input '{inputName}' must have datatype FP32, got '{datatype}'.");
            }

            if (!input.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
                || !shapeElement.EnumerateArray().Select(e => e.TryGetInt64(out var v) ? v : -1).SequenceEqual(expectedShape))
            {
                return Error($"Input '{inputName}' must have shape [{string.Join(", ", expectedShape)}].");
            }

            if (!input.TryGetProperty("data", out var dataElement) || dataElement.ValueKind != JsonValueKind.Array)
            {
                return Error($"Input '{inputName}' has no 'data' array (binary tensor data is not supported).");
            }

            data = new float[expectedCount];
            var count = 0;
            if (!Flatten(dataElement, data, ref count) || count != expectedCount)
            {
                return Error($"Input '{inputName}' data must hold {expectedCount} numbers, row-major (flat or nested).");
            }

            outputs = ReadRequestedOutputs(root, model.Card.Output.Boxes, model.Card.Output.Scores, out var outputError);
            if (outputError is not null)
            {
                return Error(outputError);
            }
        }
        catch (JsonException ex)
        {
            return Error($"The request is not valid JSON: {ex.Message}");
        }

        var response = detector.RunRaw(data, current =>
        {
            var tensors = new List<object>();
            foreach (var output in outputs)
            {
                var isBoxes = output == current.Model.Card.Output.Boxes;
                tensors.Add(new
                {
                    name = output,
                    datatype = "FP32",
                    shape = isBoxes ? current.Model.BoxesShape : current.Model.ScoresShape,
                    data = (isBoxes ? current.Model.Boxes : current.Model.Scores).ToArray(),
                });
            }

            return new
            {
                model_name = current.Identity.Name,
                model_version = current.Identity.Version,
                id,
                outputs = tensors,
            };
        });
        return Results.Json(response);
    }

    private static string[] ReadRequestedOutputs(JsonElement root, string boxes, string scores, out string? error)
    {
        error = null;
        if (!root.TryGetProperty("outputs", out var requested) || requested.ValueKind == JsonValueKind.Null)
        {
            return [boxes, scores];
        }

        var names = requested.ValueKind == JsonValueKind.Array
            ? requested.EnumerateArray().Select(o => o.TryGetProperty("name", out var n) ? n.GetString() : null).ToArray()
            : [];
        var unknown = names.Where(n => n != boxes && n != scores).ToList();
        if (names.Length == 0 || unknown.Count > 0)
        {
            error = $"'outputs' may only name '{boxes}' and '{scores}'.";
            return [];
        }

        return names!.Distinct().ToArray()!;
    }

    private static bool Flatten(JsonElement element, float[] target, ref int count)
    {
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                if (!Flatten(item, target, ref count))
                {
                    return false;
                }
            }
            else if (item.ValueKind == JsonValueKind.Number && count < target.Length && item.TryGetSingle(out var value))
            {
                target[count++] = value;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private static IResult? Unknown(string name, string? version, ModelRuntime runtime)
    {
        if (name != runtime.Identity.Name)
        {
            return Results.Json(new { error = $"Unknown model '{name}'; this server serves '{runtime.Identity.Name}'." }, statusCode: StatusCodes.Status404NotFound);
        }

        if (version is not null && version != runtime.Identity.Version)
        {
            return Results.Json(new { error = $"Unknown version '{version}' of '{name}'; loaded is {runtime.Identity.Version}." }, statusCode: StatusCodes.Status404NotFound);
        }

        return null;
    }

    private static IResult Error(string message) => Results.Json(new { error = message }, statusCode: StatusCodes.Status400BadRequest);

    private sealed record TensorMetadata(string Name, string Datatype, long[] Shape);
}
