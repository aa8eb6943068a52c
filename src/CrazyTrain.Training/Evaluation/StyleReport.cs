namespace CrazyTrain.Training.Evaluation;

/// <summary>One style's share of an evaluation set, scored on its own (<see cref="DetectionScorer.ByStyle"/>).</summary>
public sealed record StyleReport(string Style, EvaluationReport Report);
