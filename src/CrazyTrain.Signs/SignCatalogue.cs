namespace CrazyTrain.Signs;

/// <summary>
/// The only list of the signs the train reacts to. The order of <see cref="Classes"/> is the class index of the
/// shipped model (docs/contracts.md, the <c>labels</c> of its <c>crazytrain.model</c> metadata): never reorder
/// it; a new sign goes at the end, with its face in the renderer (CrazyTrain.Simulation's SignKinds).
/// </summary>
public static class SignCatalogue
{
    public static SignClass Stop { get; } = new("stop", 0, SignRule.Stop);

    public static SignClass NoEntry { get; } = new("no_entry", 1, SignRule.Halt);

    public static SignClass SpeedLimit30 { get; } = new("speed_limit_30", 2, SignRule.SpeedCap, capPower: 30);

    public static SignClass SpeedLimit50 { get; } = new("speed_limit_50", 3, SignRule.SpeedCap, capPower: 50);

    public static SignClass Danger { get; } = new("danger", 4, SignRule.Danger);

    /// <summary>Every class, in class-index order.</summary>
    public static IReadOnlyList<SignClass> Classes { get; } = Validated([Stop, NoEntry, SpeedLimit30, SpeedLimit50, Danger]);

    /// <summary>The model's labels, in class-index order.</summary>
    public static IReadOnlyList<string> Labels { get; } = Classes.Select(c => c.Label).ToArray();

    /// <summary>
    /// Most restrictive first: halt, stop, danger, then speed caps from the slowest. When two signs confirm in
    /// the same frame, the first one acts first.
    /// </summary>
    public static IReadOnlyList<SignClass> ByPriority { get; } =
        Classes.OrderBy(c => c.Rule).ThenBy(c => c.CapPower).ThenBy(c => c.ClassIndex).ToArray();

    /// <summary>The class with this label, or null for a label the catalogue does not know.</summary>
    public static SignClass? Find(string label) => Classes.FirstOrDefault(c => c.Label == label);

    /// <summary>A catalogue whose positions are not its class indices, or with a label twice, stops every user at once.</summary>
    internal static SignClass[] Validated(SignClass[] classes)
    {
        for (var i = 0; i < classes.Length; i++)
        {
            if (classes[i].ClassIndex != i)
            {
                throw new InvalidOperationException($"Sign '{classes[i].Label}' has class index {classes[i].ClassIndex} but stands at position {i}.");
            }

            if (classes.Take(i).Any(c => c.Label == classes[i].Label))
            {
                throw new InvalidOperationException($"Sign label '{classes[i].Label}' appears twice.");
            }
        }

        return classes;
    }
}
