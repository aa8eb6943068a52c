using CrazyTrain.Training.Data;
using OpenCvSharp;

namespace CrazyTrain.Training.Training;

/// <summary>A decoded training frame kept in memory (BGR) with its target boxes in pixels.</summary>
public sealed class TrainingImage(Mat bgr, IReadOnlyList<LabelledBox> boxes) : IDisposable
{
    public Mat Bgr { get; } = bgr;

    public IReadOnlyList<LabelledBox> Boxes { get; } = boxes;

    public int Width => Bgr.Width;

    public int Height => Bgr.Height;

    public static List<TrainingImage> Load(string folder, IProgress<int>? progress = null)
    {
        var result = new List<TrainingImage>();
        foreach (var image in YoloFolder.Read(folder))
        {
            var bgr = Cv2.ImRead(image.ImagePath, ImreadModes.Color);
            if (bgr.Empty())
            {
                bgr.Dispose();
                throw new InvalidDataException($"'{image.ImagePath}' could not be decoded as an image.");
            }

            result.Add(new TrainingImage(bgr, image.InPixels(bgr.Width, bgr.Height)));
            progress?.Report(1);
        }

        return result;
    }

    public void Dispose() => Bgr.Dispose();
}
