using CrazyTrain.Inference.Api;
using CrazyTrain.Inference.Hosting;
using CrazyTrain.SignModel.Batch;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;
using Microsoft.Extensions.Options;

// Kept so `dotnet run --project src/CrazyTrain.Inference -- detect ...` works as evaluations call it; the verb itself
// lives in the sign model library and in the crazytrain tool (src/CrazyTrain.Training) with the other offline verbs.
if (DetectCommand.IsInvoked(args))
{
    return await DetectCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSignDetection();
builder.AddFrameConsumer();
builder.AddRequestLimits();

var app = builder.Build();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapDetectionEndpoints();
app.MapOpenInferenceEndpoints();

try
{
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is ModelLoadException or OptionsValidationException)
{
    // A clear line instead of a stack trace: the orchestrator shows it as the reason the service stopped.
    app.Logger.LogCritical("Inference cannot start: {Reason}", ex.Message);
    await Console.Error.WriteLineAsync($"Inference cannot start: {ex.Message}");
    return 1;
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
