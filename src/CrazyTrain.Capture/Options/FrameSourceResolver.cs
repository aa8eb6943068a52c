using Microsoft.Extensions.Hosting;

namespace CrazyTrain.Capture.Options;

/// <summary>Settles which source to open from the options, the train mode and where the service runs.</summary>
public static class FrameSourceResolver
{
    /// <summary>The video played in Simulation mode when no source is configured (made by the scene renderer).</summary>
    public const string SimulationSampleVideo = "samples/stop-sign.mp4";

    /// <summary>The camera opened in Hardware mode when no source is configured.</summary>
    public const string HardwareDefaultCamera = "/dev/video0";

    public static FrameSourceSpec Resolve(CaptureOptions options, TrainMode mode, string contentRoot)
    {
        FrameSourceSpec.TryParseKind(options.Kind, out var kind);
        var source = options.Source?.Trim();

        if (string.IsNullOrEmpty(source))
        {
            var useCamera = kind is FrameSourceKind.Camera || (kind is null && mode == TrainMode.Hardware);
            source = useCamera ? HardwareDefaultCamera : SimulationSampleVideo;
        }

        var resolvedKind = kind ?? FrameSourceSpec.GuessKind(source);
        var location = resolvedKind == FrameSourceKind.File ? LocateFile(source, contentRoot) : source;
        return new FrameSourceSpec(resolvedKind, location);
    }

    /// <summary>
    /// A relative path is looked up from the content root and the application folder and then from each of
    /// their parents, so <c>samples/stop-sign.mp4</c> is found from <c>dotnet run</c>, from tests and from a
    /// published folder alike. When nothing matches, the path under the content root is returned so the
    /// error names a concrete file.
    /// </summary>
    public static string LocateFile(string path, string contentRoot)
    {
        if (Path.IsPathFullyQualified(path))
        {
            return Path.GetFullPath(path);
        }

        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, path);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.GetFullPath(Path.Combine(contentRoot, path));
    }
}
