namespace CrazyTrain.SignModel.Runtime;

/// <summary>
/// Finds a relative model path the way a person expects: from the working directory, else from the folders
/// above the executable (so <c>dotnet run</c> from the repository root and from the project folder both find
/// <c>models/crazytrain-signs.onnx</c>).
/// </summary>
public static class ModelLocator
{
    /// <summary>The shipped model, relative to the repository root.</summary>
    public const string DefaultModelPath = "models/crazytrain-signs.onnx";

    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return Path.GetFullPath(path);
        }

        var fromWorkingDirectory = Path.GetFullPath(path);
        if (File.Exists(fromWorkingDirectory))
        {
            return fromWorkingDirectory;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, path);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return fromWorkingDirectory;
    }
}
