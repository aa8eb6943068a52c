using CrazyTrain.Training.Data;
using CrazyTrain.Training.Inference;

namespace CrazyTrain.Training.Evaluation;

/// <summary>What the evaluator needs from one image: its targets, distractors and the model's detections (frame pixels).</summary>
public sealed record ImageResult(
    IReadOnlyList<LabelledBox> Truth,
    IReadOnlyList<Detection> Detections,
    IReadOnlyList<(string Kind, LabelledBox Box)> Distractors);
