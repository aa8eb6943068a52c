using CrazyTrain.SignModel.Metadata;

namespace CrazyTrain.Training.Model;

/// <summary>
/// The <c>crazytrain.model</c> document of a network this factory exports: whole 640x480 frames, RGB, pixel / 255,
/// letterboxed, boxes xyxy and scores as probabilities (the graph applies the sigmoid and peak extraction itself).
/// </summary>
public static class DetectorCard
{
    public const string Name = "crazytrain-signs";

    public static ModelCard Create(IReadOnlyList<string> labels, ModelProvenance provenance, int width = 640, int height = 480) => new()
    {
        Schema = 1,
        Name = Name,
        Version = "1.0.0",
        Labels = labels,
        Input = new ModelInput { Name = "image", Width = width, Height = height },
        Provenance = provenance,
        Metrics = new Dictionary<string, double>(),
    };
}
