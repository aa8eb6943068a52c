namespace CrazyTrain.Deploy.Generation;

/// <summary>How a folder on disk differs from what the generator makes now: one line per file.</summary>
internal static class Drift
{
    public static IReadOnlyList<string> Between(string folder, IReadOnlyList<GeneratedFile> files)
    {
        var lines = new List<string>();
        var expected = files.ToDictionary(file => file.Path, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var path = Path.Combine(folder, file.Path);
            if (!File.Exists(path))
            {
                lines.Add($"missing: {file.Path}");
            }
            else if (File.ReadAllText(path) != file.Content)
            {
                lines.Add($"differs: {file.Path}");
            }
        }

        if (Directory.Exists(folder))
        {
            lines.AddRange(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/'))
                .Where(relative => !expected.ContainsKey(relative) && !OperatorSecrets.IsOwnedByOperator(relative))
                .Order(StringComparer.Ordinal)
                .Select(relative => $"not generated: {relative}"));
        }

        return lines;
    }
}
