using CrazyTrain.Training.Data;
using OpenCvSharp;

namespace CrazyTrain.Training.Training;

/// <summary>
/// A decoded training frame kept in memory (BGR) with its target boxes in pixels and, where the folder's
/// <c>annotations.jsonl</c> lists them, the boxes of the distractor signs (not targets) in it.
/// </summary>
public sealed class TrainingImage(Mat bgr, IReadOnlyList<LabelledBox> boxes, IReadOnlyList<LabelledBox>? distractors = null) : IDisposable
{
    public Mat Bgr { get; } = bgr;

    public IReadOnlyList<LabelledBox> Boxes { get; } = boxes;

    public IReadOnlyList<LabelledBox> Distractors { get; } = distractors ?? [];

    public int Width => Bgr.Width;

    public int Height => Bgr.Height;

    public static List<TrainingImage> Load(string folder, IProgress<int>? progress = null)
    {
        var result = new List<TrainingImage>();
        var distractors = SignAnnotations.Distractors(folder);
        foreach (var image in YoloFolder.Read(folder))
        {
            var bgr = Cv2.ImRead(image.ImagePath, ImreadModes.Color);
            if (bgr.Empty())
            {
                bgr.Dispose();
                throw new InvalidDataException($"'{image.ImagePath}' could not be decoded as an image.");
            }

            var others = distractors.TryGetValue(image.Id, out var found) ? found.Select(d => d.Box).ToList() : null;
            result.Add(new TrainingImage(bgr, image.InPixels(bgr.Width, bgr.Height), others));
            progress?.Report(1);
        }

        return result;
    }

    public void Dispose() => Bgr.Dispose();
}
