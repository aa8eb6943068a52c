using OpenCvSharp;

namespace CrazyTrain.Capture.Sources;

/// <summary>What the loaded OpenCV native library can open, so errors can say why a source cannot work here.</summary>
internal static class OpenCvBuild
{
    private static readonly Lazy<string> Information = new(Cv2.GetBuildInformation);

    public static bool HasGStreamer => HasVideoBackend("GStreamer");

    private static bool HasVideoBackend(string name) =>
        Information.Value.Split('\n').Any(line =>
            line.TrimStart().StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)
            && line.Contains("YES", StringComparison.OrdinalIgnoreCase));
}
