using CrazyTrain.SignModel.Detections;
using CrazyTrain.Training.Data;

namespace CrazyTrain.Training.Evaluation;

/// <summary>
/// What the evaluator needs from one image: its targets, distractors and the model's detections (frame pixels), and
/// the ignore regions: target signs present but left out of the labels (mostly hidden, cut by the frame edge, or
/// tiny), on which a detection is neither right nor wrong.
/// </summary>
public sealed record ImageResult(
    IReadOnlyList<LabelledBox> Truth,
    IReadOnlyList<Detection> Detections,
    IReadOnlyList<(string Kind, LabelledBox Box)> Distractors)
{
    public IReadOnlyList<LabelledBox> Ignored { get; init; } = [];

    /// <summary>The scene style the image was rendered in, when its folder's annotations say so: reports split by it.</summary>
    public string? Style { get; init; }
}
