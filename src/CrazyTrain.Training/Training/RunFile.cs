using System.Text.Json;

namespace CrazyTrain.Training.Training;

/// <summary>The JSON description files that runs leave beside their weights.</summary>
internal static class RunFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <param name="what">What the folder should be, for the error message ("a training run").</param>
    public static T Read<T>(string runFolder, string file, string what)
    {
        var path = Path.Combine(runFolder, file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{runFolder}' is not {what}: {file} is missing.", path);
        }

        return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"'{path}' is empty.");
    }

    public static void Write<T>(string runFolder, string file, T value) => File.WriteAllText(Path.Combine(runFolder, file), JsonSerializer.Serialize(value, Json));
}
