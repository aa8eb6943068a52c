using CrazyTrain.Inference.Detections;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Inference.Hosting;

/// <summary>
/// Resolves the detector while the host starts, so a file that cannot be loaded fails start-up instead of the first
/// request; then holds the model to the checks a hot swap must pass (<see cref="ModelAcceptance"/>). One that fails
/// them (a wrong file that loads and runs, blind to STOP) is marked unfit: health Unhealthy with the reason and no
/// live frame detected, so the controller sees no perception and the train never drives on it. The service stays up
/// so that a good file dropped in its place is swapped in.
/// </summary>
internal sealed partial class ModelStartup(IServiceProvider services, IOptions<InferenceOptions> options, ILogger<ModelStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var detector = services.GetRequiredService<SignDetector>();
        var runtime = detector.Current;
        if (ModelAcceptance.Refusal(runtime, options.Value.Threshold) is { } refusal)
        {
            detector.MarkUnfit(refusal);
            LogUnfit(runtime.Identity.Name, runtime.Identity.Version, runtime.Model.FilePath, refusal);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Model {Name} {Version} from {File} failed the checks at start and will detect no live frames until a good model replaces it: {Reason}")]
    private partial void LogUnfit(string name, string version, string file, string reason);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
