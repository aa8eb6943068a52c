namespace CrazyTrain.SignModel.Metadata;

/// <summary>A model file that cannot be used; the message always names the file and the reason.</summary>
public sealed class ModelLoadException(string modelFile, string reason, Exception? inner = null)
    : Exception($"Model file '{modelFile}' cannot be used: {reason}.", inner)
{
    public string ModelFile { get; } = modelFile;

    public string Reason { get; } = reason;
}
