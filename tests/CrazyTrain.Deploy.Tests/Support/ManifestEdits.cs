using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrazyTrain.Deploy.Tests.Support;

/// <summary>Changes to a manifest as a change to the AppHost would make them.</summary>
internal static class ManifestEdits
{
    public static string Edit(string json, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        edit(root["resources"]!.AsObject());
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public static JsonObject ConsoleResource(bool external, string name = "console") => new()
    {
        ["type"] = "project.v0",
        ["path"] = "../src/CrazyTrain.Console/CrazyTrain.Console.csproj",
        ["env"] = new JsonObject
        {
            ["HTTP_PORTS"] = $"{{{name}.bindings.http.targetPort}}",
            ["CrazyTrain__Mode"] = "Simulation",
            ["ConnectionStrings__kafka"] = "{kafka.connectionString}",
            ["services__controller__http__0"] = "{controller.bindings.http.url}",
        },
        ["bindings"] = new JsonObject
        {
            ["http"] = new JsonObject { ["scheme"] = "http", ["protocol"] = "tcp", ["transport"] = "http", ["external"] = external },
            ["https"] = new JsonObject { ["scheme"] = "https", ["protocol"] = "tcp", ["transport"] = "http", ["external"] = external },
        },
    };
}
