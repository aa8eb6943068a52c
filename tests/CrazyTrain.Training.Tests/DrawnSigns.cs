using System.Globalization;
using OpenCvSharp;

namespace CrazyTrain.Training.Tests;

/// <summary>
/// A small YOLO-layout folder of drawn frames: grey noisy backgrounds with flat coloured sign shapes of 16-48 px
/// (one colour/shape per class) and blue squares as distractors listed in annotations.jsonl.
/// </summary>
internal static class DrawnSigns
{
    private static readonly Scalar[] Colours =
    [
        new(30, 30, 200), new(200, 30, 30), new(30, 200, 30), new(200, 200, 200), new(30, 200, 230),
    ];

    public static string Write(int count, int seed, int width = 320, int height = 240)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"drawn-{seed}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        Directory.CreateDirectory(Path.Combine(folder, "labels"));
        var random = new Random(seed);
        using var annotations = new StreamWriter(Path.Combine(folder, "annotations.jsonl"));
        for (var i = 0; i < count; i++)
        {
            var id = $"{i:D4}";
            using var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(90 + random.Next(60), 90 + random.Next(60), 90 + random.Next(60)));
            var lines = new List<string>();
            var objects = new List<string>();
            var occupied = new List<Rect>();
            for (var s = 0; s < 3; s++)
            {
                var size = 16 + random.Next(33);
                var rect = new Rect(random.Next(width - size), random.Next(height - size), size, size);
                if (occupied.Any(o => (o & rect).Width > 0))
                {
                    continue;
                }

                occupied.Add(rect);
                var distractor = s == 2;
                var classId = random.Next(Colours.Length);
                if (distractor)
                {
                    Cv2.Rectangle(image, rect, new Scalar(190, 80, 0), -1);
                    objects.Add(Json("parking", null, rect));
                    continue;
                }

                Cv2.Circle(image, new Point(rect.X + (size / 2), rect.Y + (size / 2)), size / 2, Colours[classId], -1);
                Cv2.PutText(image, classId.ToString(CultureInfo.InvariantCulture), new Point(rect.X + (size / 3), rect.Y + (2 * size / 3)), HersheyFonts.HersheySimplex, size / 40.0, Scalar.Black, 1);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{classId} {(rect.X + (size / 2.0)) / width} {(rect.Y + (size / 2.0)) / height} {(double)size / width} {(double)size / height}"));
                objects.Add(Json("sign", "x", rect));
            }

            Cv2.ImWrite(Path.Combine(folder, "images", id + ".jpg"), image);
            File.WriteAllLines(Path.Combine(folder, "labels", id + ".txt"), lines);
            annotations.WriteLine($"{{\"id\":\"{id}\",\"objects\":[{string.Join(',', objects)}]}}");
        }

        return folder;
    }

    private static string Json(string kind, string? label, Rect r) =>
        $"{{\"kind\":\"{kind}\",\"label\":{(label is null ? "null" : $"\"{label}\"")},\"box\":[{r.X},{r.Y},{r.Width},{r.Height}],\"visibility\":1}}";
}
