using System.Security.Cryptography;
using CrazyTrain.Training.Model;

namespace CrazyTrain.Training.Training;

/// <summary>
/// The exported model a run continued from (<c>--init-from-onnx</c>), recorded in the run's checkpoint: the model
/// card says what the weights started as, and a rebuild reuses the run only if the file is still the same model
/// (build-model overwrites the shipped model it started from).
/// </summary>
public sealed record StartingModel(string Path, string Name, string Version, string Sha256, string TrainedAt, string Commit, double? SyntheticMap50)
{
    internal static StartingModel Of(ExportedModel model) => new(
        model.Path,
        model.Card.Name,
        model.Card.Version,
        HashOf(model.Path),
        model.Card.Provenance?.TrainedAt ?? "",
        model.Card.Provenance?.Commit ?? "",
        model.Card.Metrics?.TryGetValue("syntheticMap50", out var map) == true ? map : null);

    public static string HashOf(string path)
    {
        using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
