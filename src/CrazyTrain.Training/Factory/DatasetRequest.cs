namespace CrazyTrain.Training.Factory;

/// <summary>One dataset the model factory needs rendered: where, how many frames, which seed and scene styles.</summary>
public sealed record DatasetRequest(string Folder, int Count, int Seed, IReadOnlyList<string> Styles, string Purpose);

/// <summary>Renders a dataset into a YOLO-layout folder (images/, labels/, annotations.jsonl, dataset.json).</summary>
public delegate void RenderDataset(DatasetRequest request, IProgress<int> progress, CancellationToken cancellation);
