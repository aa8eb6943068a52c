namespace CrazyTrain.Twin.Episodes.Command;

/// <summary>Where the repository is (the folder holding CrazyTrain.sln): given, or above the working folder, or above this program's own files.</summary>
internal static class RepositoryRoot
{
    public const string Marker = "CrazyTrain.sln";

    public static string Find(string? given)
    {
        if (given is not null)
        {
            return File.Exists(Path.Combine(given, Marker))
                ? Path.GetFullPath(given)
                : throw new ArgumentException($"--repository {given} holds no {Marker}.");
        }

        return Above(Environment.CurrentDirectory) ?? Above(AppContext.BaseDirectory)
            ?? throw new ArgumentException($"No {Marker} above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}: run from the repository or pass --repository DIR.");
    }

    private static string? Above(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
