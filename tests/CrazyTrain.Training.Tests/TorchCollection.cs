namespace CrazyTrain.Training.Tests;

/// <summary>Tests that seed libtorch's global generator run one at a time, so their weights and inputs are repeatable.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch";
}
