using System.Text.RegularExpressions;

namespace CrazyTrain.Training.Onnx;

/// <summary>
/// Hands an exported model's weights back to the modules that wrote them. <see cref="OnnxGraph"/> names each
/// initializer by the hint its module gave plus a counter (<c>stem_w_0</c>, <c>head_w_261</c>), so a module asks
/// for its hint; a hint written more than once (the three heads, the readers of an ensemble) is told apart by
/// its occurrence in file order, which is the export order. Every miss or wrong shape is an error that names
/// the weight: a file of another design must not load half-way.
/// </summary>
internal sealed partial class OnnxWeights
{
    private readonly string source;
    private readonly ILookup<string, OnnxTensor> byHint;
    private readonly HashSet<string> taken = new(StringComparer.Ordinal);

    public OnnxWeights(OnnxWeightFile file, string source)
    {
        this.source = source;
        File = file;
        byHint = file.Initializers.ToLookup(t => Hint(t.Name), StringComparer.Ordinal);
    }

    public OnnxWeightFile File { get; }

    /// <summary>Every hint the file holds, once each.</summary>
    public IEnumerable<string> Hints => byHint.Select(g => g.Key);

    /// <summary>How often the exporter wrote this hint (e.g. the readers of an ensemble).</summary>
    public int Count(string hint) => byHint[hint].Count();

    /// <summary>The dimensions of the first initializer written with this hint.</summary>
    public long[] Dims(string hint) => byHint[hint].FirstOrDefault()?.Dims
        ?? throw new InvalidDataException($"'{source}' has no weight '{hint}': it is not a model of this design.");

    /// <summary>The values of the <paramref name="occurrence"/>-th initializer written with this hint, checked against the shape the module needs.</summary>
    public float[] Take(string hint, IReadOnlyList<long> shape, int occurrence = 0)
    {
        var tensor = byHint[hint].ElementAtOrDefault(occurrence)
            ?? throw new InvalidDataException($"'{source}' has no weight '{hint}'{(occurrence > 0 ? $" (occurrence {occurrence + 1})" : string.Empty)}: it is not a model of this design.");
        if (!tensor.Dims.SequenceEqual(shape))
        {
            throw new InvalidDataException($"'{source}': weight '{tensor.Name}' is [{string.Join(", ", tensor.Dims)}] but this design needs [{string.Join(", ", shape)}]: a model of another design.");
        }

        taken.Add(tensor.Name);
        return tensor.Values;
    }

    /// <summary>
    /// Fails when the file holds weights (a <c>_w</c>/<c>_b</c> initializer) under a hint no module asked for, among
    /// those <paramref name="inScope"/> selects: layers this design does not have.
    /// </summary>
    public void EnsureNoneLeft(Func<string, bool> inScope)
    {
        var askedFor = taken.Select(Hint).ToHashSet(StringComparer.Ordinal);
        var left = byHint.Select(g => g.Key)
            .Where(h => WeightHint().IsMatch(h) && inScope(h) && !askedFor.Contains(h))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (left.Count > 0)
        {
            throw new InvalidDataException($"'{source}' holds weights this design has no place for ({string.Join(", ", left.Take(6))}{(left.Count > 6 ? ", ..." : string.Empty)}): a model of another design.");
        }
    }

    /// <summary>The exporter's hint: the name without the counter <see cref="OnnxGraph"/> appended.</summary>
    private static string Hint(string name) => CounterSuffix().Replace(name, string.Empty);

    [GeneratedRegex(@"_\d+$")]
    private static partial Regex CounterSuffix();

    [GeneratedRegex(@"_[wb]$")]
    private static partial Regex WeightHint();
}
