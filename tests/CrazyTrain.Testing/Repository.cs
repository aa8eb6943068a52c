namespace CrazyTrain.Testing;

/// <summary>The repository the tests run in: found by walking up to CrazyTrain.sln.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "CrazyTrain.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No CrazyTrain.sln above {AppContext.BaseDirectory}.");
    }
}
