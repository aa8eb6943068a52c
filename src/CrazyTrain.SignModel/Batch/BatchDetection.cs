using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Imaging;
using CrazyTrain.SignModel.Runtime;

namespace CrazyTrain.SignModel.Batch;

/// <summary>
/// Runs the detector over one image or a folder tree and collects one entry per image; an unreadable image
/// becomes an entry with an error, never the end of the batch.
/// </summary>
internal static class BatchDetection
{
    // Names OpenCV's decoders use; a file with another name is still taken when its bytes are an image.
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".jpe", ".png", ".bmp", ".dib", ".webp", ".tif", ".tiff", ".pbm", ".pgm", ".ppm", ".pnm",
    };

    /// <summary>The images to read, each with the name it gets in the report (relative, '/'-separated).</summary>
    public static IReadOnlyList<(string Path, string Name)> FindImages(string input)
    {
        if (File.Exists(input))
        {
            return [(Path.GetFullPath(input), Path.GetFileName(input))];
        }

        var root = Path.GetFullPath(input);
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            MatchCasing = MatchCasing.CaseInsensitive,
        };
        return Directory.EnumerateFiles(root, "*", options)
            .Where(path => Extensions.Contains(Path.GetExtension(path)) || LooksLikeImage(path))
            .Select(path => (path, Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(image => image.Item2, StringComparer.Ordinal)
            .ToList();
    }

    private static bool LooksLikeImage(string path)
    {
        try
        {
            Span<byte> head = stackalloc byte[ImageFormatSniffer.HeaderLength];
            using var file = File.OpenRead(path);
            var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return ImageFormatSniffer.Sniff(head[..read]) != ImageFormat.Unknown;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static ImageEntry Detect(ModelRuntime runtime, string path, string name, float? threshold)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ImageEntry.Failed(name, "unreadable", ex.Message);
        }

        try
        {
            var result = runtime.Detect(bytes, strict: false, threshold);
            return new ImageEntry(name, result.Width, result.Height, result.Detections, result.Timings, null, null);
        }
        catch (ImageRejectedException ex)
        {
            return ImageEntry.Failed(name, ex.Reason, ex.Message);
        }
        catch (OpenCvSharp.OpenCVException ex)
        {
            // e.g. an image beyond OpenCV's pixel limit: this file fails, the batch goes on.
            return ImageEntry.Failed(name, ImageRejectedException.Corrupt, ex.Message);
        }
    }
}

/// <summary>One image of the batch report; <see cref="Error"/> is set instead of detections when it failed.</summary>
internal sealed record ImageEntry(
    string File,
    int? Width,
    int? Height,
    IReadOnlyList<Detection>? Detections,
    StageTimings? Timings,
    string? Error,
    string? Reason)
{
    public static ImageEntry Failed(string file, string reason, string error) => new(file, null, null, null, null, error, reason);
}
