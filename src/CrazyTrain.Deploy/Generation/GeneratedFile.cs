namespace CrazyTrain.Deploy.Generation;

/// <summary>One file of <c>deploy/microshift</c>, path relative to it with forward slashes.</summary>
internal sealed record GeneratedFile(string Path, string Content);
