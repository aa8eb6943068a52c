using System.Text.Json;

namespace CrazyTrain.Training.Data;

/// <summary>
/// Sign boxes per image id from the renderer's <c>annotations.jsonl</c>: one JSON object per line with the image id
/// and all objects <c>{"kind","label","box":[x,y,w,h],"visibility"}</c>, where distractors (signs that are not
/// targets) have a null label. Targets come with it too, including those the YOLO labels leave out.
/// </summary>
public static class SignAnnotations
{
    /// <summary>Every annotated distractor sign per image id.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<(string Kind, LabelledBox Box)>> Distractors(string folder) => Read(folder, distractors: true);

    /// <summary>Every annotated target sign per image id (class id -1: the label is in Kind).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<(string Kind, LabelledBox Box)>> Targets(string folder) => Read(folder, distractors: false);

    private static readonly string[] IdKeys = ["id", "image", "imageId", "file"];
    private static readonly string[] ObjectKeys = ["objects", "signs", "annotations"];

    /// <summary>The scene style each image was rendered in (the renderer's <c>style</c>), per image id; images without one are left out.</summary>
    public static IReadOnlyDictionary<string, string> Styles(string folder)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, root) in Lines(folder))
        {
            if (root.TryGetProperty("style", out var style) && style.ValueKind == JsonValueKind.String)
            {
                result[id] = style.GetString()!;
            }
        }

        return result;
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<(string Kind, LabelledBox Box)>> Read(string folder, bool distractors)
    {
        var result = new Dictionary<string, IReadOnlyList<(string, LabelledBox)>>(StringComparer.Ordinal);
        foreach (var (id, root) in Lines(folder))
        {
            var objects = ObjectKeys.Select(k => root.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.Array ? (JsonElement?)v : null)
                .FirstOrDefault(v => v is not null);
            var chosen = new List<(string, LabelledBox)>();
            if (objects is { } array)
            {
                foreach (var item in array.EnumerateArray())
                {
                    var isDistractor = !item.TryGetProperty("label", out var label) || label.ValueKind == JsonValueKind.Null;
                    if (isDistractor != distractors || !item.TryGetProperty("box", out var box) || box.GetArrayLength() != 4)
                    {
                        continue;
                    }

                    var kind = item.TryGetProperty("kind", out var k) ? k.ToString() : "distractor";
                    var (x, y, w, h) = (box[0].GetSingle(), box[1].GetSingle(), box[2].GetSingle(), box[3].GetSingle());
                    chosen.Add((kind, new LabelledBox(-1, x, y, x + w, y + h)));
                }
            }

            result[id] = chosen;
        }

        return result;
    }

    /// <summary>Each annotation line's image id (file name without extension) and its JSON object; none when the folder has no annotations.</summary>
    private static IEnumerable<(string Id, JsonElement Root)> Lines(string folder)
    {
        var path = Path.Combine(folder, "annotations.jsonl");
        if (!File.Exists(path))
        {
            yield break;
        }

        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var id = IdKeys.Select(k => root.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
                .FirstOrDefault(v => v is not null)
                ?? throw new InvalidDataException($"{path}:{lineNumber}: no image id ({string.Join("/", IdKeys)}).");
            yield return (Path.GetFileNameWithoutExtension(id), root);
        }
    }
}
