using CrazyTrain.Inference.Api;
using CrazyTrain.Inference.Cli;
using CrazyTrain.Inference.Hosting;
using CrazyTrain.Inference.Model;
using Microsoft.Extensions.Options;

if (InferenceCommands.IsCommand(args))
{
    return await InferenceCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSignDetection();
builder.AddFrameConsumer();

var app = builder.Build();
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
