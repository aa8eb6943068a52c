using System.Globalization;
using System.Text;
using System.Text.Json;
using CrazyTrain.Simulation.Rendering;

namespace CrazyTrain.Simulation.Dataset;

/// <summary>
/// The dataset folder layout the trainer reads: images/&lt;id&gt;.jpg, labels/&lt;id&gt;.txt (YOLO, targets only),
/// annotations.jsonl (all signs with pixel boxes and visibility) and dataset.json.
/// </summary>
public static class DatasetFormat
{
    public const string GeneratorName = "CrazyTrain.Simulation";

    /// <summary>Changes whenever the same seed would render different pictures.</summary>
    public const string GeneratorVersion = "1.8.0";

    public static string ImageId(int index, int count) => (index + 1).ToString(count >= 1_000_000 ? "D7" : "D6", CultureInfo.InvariantCulture);

    /// <summary>YOLO lines "class cx cy w h" (normalised) for the targets that pass the label rule.</summary>
    public static string YoloLabels(IEnumerable<SignObservation> signs, int width, int height, double minVisibility, double minSize)
    {
        var sb = new StringBuilder();
        foreach (var s in signs)
        {
            if (!IsLabelled(s, minVisibility, minSize)) continue;
            var b = s.Box;
            sb.Append(s.ClassIndex!.Value.ToString(CultureInfo.InvariantCulture)).Append(' ')
              .Append(F((b.X + b.Width / 2) / width)).Append(' ')
              .Append(F((b.Y + b.Height / 2) / height)).Append(' ')
              .Append(F(b.Width / width)).Append(' ')
              .Append(F(b.Height / height)).Append('\n');
        }

        return sb.ToString();
    }

    public static bool IsLabelled(SignObservation s, double minVisibility, double minSize) =>
        s.IsTarget && s.Visibility >= minVisibility && s.Box.Width >= minSize && s.Box.Height >= minSize;

    /// <summary>One annotations.jsonl line (no newline).</summary>
    public static string AnnotationLine(string imagePath, int width, int height, string style, IEnumerable<SignObservation> signs)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("image", imagePath);
            w.WriteNumber("width", width);
            w.WriteNumber("height", height);
            w.WriteString("style", style);
            w.WriteStartArray("objects");
            foreach (var s in signs)
            {
                WriteObservation(w, s, boxDecimals: 2, visibilityDecimals: 3);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string F(double v) => Math.Clamp(v, 0, 1).ToString("0.000000", CultureInfo.InvariantCulture);

    /// <summary>
    /// One sign as a JSON object: <c>{["sign",] "kind", "label" (null for distractors), "box": [x, y, w, h], "visibility"}</c>,
    /// shared by annotations.jsonl and the sample videos' ground truth.
    /// </summary>
    internal static void WriteObservation(Utf8JsonWriter w, SignObservation s, int boxDecimals, int visibilityDecimals, bool withSignIndex = false)
    {
        w.WriteStartObject();
        if (withSignIndex) w.WriteNumber("sign", s.SignIndex);
        w.WriteString("kind", s.KindName);
        if (s.Label is null) w.WriteNull("label");
        else w.WriteString("label", s.Label);
        w.WriteStartArray("box");
        w.WriteNumberValue(Math.Round(s.Box.X, boxDecimals));
        w.WriteNumberValue(Math.Round(s.Box.Y, boxDecimals));
        w.WriteNumberValue(Math.Round(s.Box.Width, boxDecimals));
        w.WriteNumberValue(Math.Round(s.Box.Height, boxDecimals));
        w.WriteEndArray();
        w.WriteNumber("visibility", Math.Round(s.Visibility, visibilityDecimals));
        w.WriteEndObject();
    }
}
