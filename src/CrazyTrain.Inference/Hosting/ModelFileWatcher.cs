using CrazyTrain.Inference.Detections;
using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Inference.Hosting;

/// <summary>
/// Watches the configured model file; a changed file is loaded and checked completely (metadata, graph, a
/// test run, then <see cref="ModelAcceptance"/>: the driving rules' labels and the golden STOP image) beside the
/// running model and swapped in only when it passes. A refused file is logged, counted and shown in health
/// (<see cref="ModelSwapStatus"/>), and the running model stays. A file-system watcher reacts fast; polling
/// catches what it misses.
/// </summary>
public sealed partial class ModelFileWatcher(
    SignDetector detector,
    ExecutionProviderChain providers,
    InferenceMetrics metrics,
    ModelSwapStatus status,
    TimeProvider time,
    IOptions<InferenceOptions> options,
    ILogger<ModelFileWatcher> logger) : BackgroundService
{

    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    private ModelFileStamp? _rejected;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = detector.Current.Model.FilePath;
        var changed = new SemaphoreSlim(0);
        using var watcher = CreateWatcher(path, changed);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await changed.WaitAsync(options.Value.ModelPollInterval, stoppingToken);

                // Writers often save in several steps; wait until the file stops changing.
                await Task.Delay(Settle, stoppingToken);
                while (changed.CurrentCount > 0)
                {
                    await changed.WaitAsync(stoppingToken);
                }

                CheckForNewModel(path);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Whatever went wrong with this look, the running model stays and the next look comes.
                LogCheckFailed(ex);
            }
        }
    }

    /// <summary>Loads the file if it changed since the last look; public for tests and the batch tools.</summary>
    public bool CheckForNewModel(string path)
    {
        var stamp = ModelFileStamp.Of(path);
        if (stamp is null || stamp == detector.Current.Model.FileStamp || stamp == _rejected)
        {
            return false;
        }

        ModelRuntime next;
        try
        {
            next = ModelRuntime.Load(path, providers);
        }
        catch (ModelLoadException ex)
        {
            Refuse(path, stamp, ex.Message);
            return false;
        }

        if (ModelAcceptance.Refusal(next, options.Value.Threshold) is { } refusal)
        {
            var refused = $"{next.Identity.Name} {next.Identity.Version} from {path}: {refusal}";
            next.Dispose();
            Refuse(path, stamp, refused);
            return false;
        }

        var previous = detector.Current.Identity;
        try
        {
            detector.Swap(next);
        }
        catch (ModelLoadException ex)
        {
            // The requests' copy could not be made (the file changed meanwhile): nothing swapped, the next look retries.
            next.Dispose();
            LogSwapPostponed(ex.Message);
            return false;
        }

        _rejected = null;
        status.Accepted();
        metrics.ModelSwap("swapped");
        LogSwapped(previous.Name, previous.Version, next.Identity.Name, next.Identity.Version, next.Model.ExecutionProvider);
        return true;
    }

    private void Refuse(string path, ModelFileStamp? stamp, string reason)
    {
        _rejected = stamp;
        status.Refuse(new RefusedModel(path, time.GetUtcNow(), reason));
        metrics.ModelSwap("rejected");
        LogRejected(reason, detector.Current.Identity.Name, detector.Current.Identity.Version);
    }

    private FileSystemWatcher? CreateWatcher(string path, SemaphoreSlim changed)
    {
        var folder = Path.GetDirectoryName(path);
        if (folder is null || !Directory.Exists(folder))
        {
            return null;
        }

        try
        {
            var watcher = new FileSystemWatcher(folder, Path.GetFileName(path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            FileSystemEventHandler signal = (_, _) => changed.Release();
            watcher.Changed += signal;
            watcher.Created += signal;
            watcher.Renamed += (_, _) => changed.Release();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // inotify limits reached, unusual file systems: polling still works.
            LogWatcherUnavailable(folder, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model swapped without restart: {OldName} {OldVersion} -> {NewName} {NewVersion} on {Provider}")]
    private partial void LogSwapped(string oldName, string oldVersion, string newName, string newVersion, string provider);

    [LoggerMessage(Level = LogLevel.Error, Message = "New model rejected, keeping {Name} {Version}: {Reason}")]
    private partial void LogRejected(string reason, string name, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model swap postponed: {Reason}")]
    private partial void LogSwapPostponed(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking the model file for changes failed")]
    private partial void LogCheckFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch {Folder} ({Reason}); polling for model changes instead")]
    private partial void LogWatcherUnavailable(string folder, string reason);
}
