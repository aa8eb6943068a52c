using System.Text.Json;
using CrazyTrain.Console.State;

namespace CrazyTrain.Console.Tests.Support;

/// <summary>Frames and detections as the services would send them.</summary>
public static class Frames
{
    /// <summary>Two real 640x480 JPEGs of a track with a stop sign (Assets/make-frames.sh); the sign moves between them.</summary>
    public static IReadOnlyList<byte[]> Jpegs { get; } =
        [File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Assets", "frame-0.jpeg")), File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Assets", "frame-1.jpeg"))];

    /// <summary>Where the stop sign is in frame <paramref name="frameId"/> (its JPEG is frame id modulo 2).</summary>
    public static (double X, double Y, double W, double H) StopSignBox(long frameId) => (286 + (40 * (frameId % 2)), 120, 32, 32);

    public static byte[] Jpeg(long frameId) => Jpegs[(int)(frameId % 2)];

    public static FrameRecord Record(long frameId, DateTimeOffset receivedAt, byte[]? image = null) => new(
        "cam0", frameId, receivedAt.AddMilliseconds(-40), receivedAt, 640, 480, "image/jpeg", image ?? Jpeg(frameId), null);

    public static JsonElement Detections(long frameId, DateTimeOffset capturedAt, params (string Label, double Confidence, double X, double Y, double W, double H)[] boxes) =>
        JsonSerializer.SerializeToElement(new
        {
            frameId,
            capturedAt,
            width = 640,
            height = 480,
            model = new { name = "crazytrain-signs", version = "1.0.0" },
            detections = boxes.Select(box => new { label = box.Label, confidence = box.Confidence, box = new { x = box.X, y = box.Y, width = box.W, height = box.H } }),
            timings = new { decodeMs = 2.1, preprocessMs = 0.8, inferenceMs = 7.9, postprocessMs = 0.2 },
        }, Messaging.TrainJson.Options);
}
