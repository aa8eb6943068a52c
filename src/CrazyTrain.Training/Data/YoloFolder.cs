using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrazyTrain.Training.Data;

/// <summary>One image of a YOLO-layout folder with its target boxes normalised to [0,1] (xyxy).</summary>
public sealed record LabelledImage(string Id, string ImagePath, IReadOnlyList<LabelledBox> NormalisedBoxes)
{
    public IReadOnlyList<LabelledBox> InPixels(int width, int height) =>
        NormalisedBoxes.Select(b => new LabelledBox(b.ClassId, b.X1 * width, b.Y1 * height, b.X2 * width, b.Y2 * height)).ToList();
}

/// <summary>
/// Reads a labelled folder: <c>images/&lt;id&gt;.jpg</c> and <c>labels/&lt;id&gt;.txt</c> with one
/// <c>class cx cy w h</c> line per target, normalised to the image size. An image without a label file has no targets.
/// </summary>
public static class YoloFolder
{
    public static IReadOnlyList<LabelledImage> Read(string folder)
    {
        var images = Path.Combine(folder, "images");
        if (!Directory.Exists(images))
        {
            throw new DirectoryNotFoundException($"'{folder}' has no images/ folder (expected the YOLO layout images/ + labels/).");
        }

        var result = new List<LabelledImage>();
        foreach (var path in Directory.EnumerateFiles(images).Where(IsImage).OrderBy(p => p, StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            var labelPath = Path.Combine(folder, "labels", id + ".txt");
            var boxes = new List<LabelledBox>();
            if (File.Exists(labelPath))
            {
                var lineNumber = 0;
                foreach (var line in File.ReadLines(labelPath))
                {
                    lineNumber++;
                    if (string.IsNullOrWhiteSpace(line))
                    {
                        continue;
                    }

                    boxes.Add(ParseLine(line, 1, 1, labelPath, lineNumber));
                }
            }

            result.Add(new LabelledImage(id, path, boxes));
        }

        return result;
    }

    public static LabelledBox ParseLine(string line, int width, int height, string file = "", int lineNumber = 0)
    {
        var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var classId)
            || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var cx)
            || !float.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var cy)
            || !float.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
            || !float.TryParse(parts[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var h))
        {
            throw new InvalidDataException($"{file}:{lineNumber}: expected 'class cx cy w h', got '{line}'.");
        }

        return new LabelledBox(classId, (cx - (w / 2)) * width, (cy - (h / 2)) * height, (cx + (w / 2)) * width, (cy + (h / 2)) * height);
    }

    /// <summary>SHA-256 over every file's relative path and content, in ordinal order: names the exact data a model saw.</summary>
    public static string Hash(string folder)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                     .Select(p => Path.GetRelativePath(folder, p).Replace('\\', '/'))
                     .Where(p => p.StartsWith("images/", StringComparison.Ordinal) || p.StartsWith("labels/", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(path + "\n"));
            sha.AppendData(File.ReadAllBytes(Path.Combine(folder, path)));
        }

        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static bool IsImage(string path) =>
        path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".png", StringComparison.OrdinalIgnoreCase);
}
