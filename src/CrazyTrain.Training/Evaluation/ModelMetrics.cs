namespace CrazyTrain.Training.Evaluation;

/// <summary>The numbers of an evaluation that travel inside the model's metadata (<c>metrics</c>).</summary>
public static class ModelMetrics
{
    public static IReadOnlyDictionary<string, double> From(EvaluationReport? report)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["syntheticMap50"] = 0.0 };
        if (report is null)
        {
            return metrics;
        }

        metrics["syntheticMap50"] = Math.Round(report.Map50, 4);
        metrics["syntheticPrecision"] = Math.Round(report.Precision, 4);
        metrics["syntheticRecall"] = Math.Round(report.Recall, 4);
        if (report.Distractors is { } distractors)
        {
            metrics["distractorConfusion"] = Math.Round(distractors.ConfusionRate, 4);
        }

        foreach (var c in report.Classes.Where(c => !double.IsNaN(c.Ap50)))
        {
            metrics[$"ap50.{c.Label}"] = Math.Round(c.Ap50, 4);
        }

        return metrics;
    }
}
