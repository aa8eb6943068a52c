using System.Text.Json;
using Google.Protobuf;

namespace CrazyTrain.Signs.Tests;

/// <summary>The labels in the shipped model's <c>crazytrain.model</c> metadata (docs/contracts.md), read from the file.</summary>
internal static class ShippedModel
{
    private const int MetadataPropsField = 14; // onnx.proto: ModelProto.metadata_props (StringStringEntryProto)

    public static string Path { get; } = Find("models/crazytrain-signs.onnx");

    public static IReadOnlyList<string> Labels()
    {
        using var json = JsonDocument.Parse(Metadata()["crazytrain.model"]);
        return json.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList();
    }

    private static Dictionary<string, string> Metadata()
    {
        var metadata = new Dictionary<string, string>();
        using var file = File.OpenRead(Path);
        var model = new CodedInputStream(file);
        for (var tag = model.ReadTag(); tag != 0; tag = model.ReadTag())
        {
            if (WireFormat.GetTagFieldNumber(tag) != MetadataPropsField)
            {
                model.SkipLastField();
                continue;
            }

            var entry = new CodedInputStream(model.ReadBytes().ToByteArray());
            string key = "", value = "";
            for (var field = entry.ReadTag(); field != 0; field = entry.ReadTag())
            {
                switch (WireFormat.GetTagFieldNumber(field))
                {
                    case 1: key = entry.ReadString(); break;
                    case 2: value = entry.ReadString(); break;
                    default: entry.SkipLastField(); break;
                }
            }

            metadata[key] = value;
        }

        return metadata;
    }

    private static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"No {relative} above {AppContext.BaseDirectory}.");
    }
}
