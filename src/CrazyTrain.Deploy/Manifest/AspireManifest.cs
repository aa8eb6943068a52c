using System.Text.Json;

namespace CrazyTrain.Deploy.Manifest;

/// <summary>
/// The parts of Aspire's publishing manifest (the "compatibility format" <c>--publisher manifest</c> writes)
/// that a Kubernetes deployment needs. Order is kept as the AppHost declared it, so output is stable.
/// </summary>
internal sealed record AspireManifest(IReadOnlyList<ManifestResource> Resources)
{
    public ManifestResource? Find(string name) => Resources.FirstOrDefault(resource => resource.Name == name);

    public static AspireManifest Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Object)
        {
            throw new ManifestException("The manifest has no 'resources' object; is this an Aspire manifest?");
        }

        return new AspireManifest([.. resources.EnumerateObject().Select(ManifestResource.Read)]);
    }
}

internal sealed record ManifestResource(
    string Name,
    string Type,
    string? Image,
    string? ProjectPath,
    string? ConnectionString,
    string? Entrypoint,
    IReadOnlyList<string> Args,
    IReadOnlyList<KeyValuePair<string, string>> Env,
    IReadOnlyList<ManifestBinding> Bindings,
    IReadOnlyList<ManifestVolume> Volumes,
    int BindMountCount,
    ManifestParameter? Parameter)
{
    public bool IsProject => Type == "project.v0" || Type == "project.v1";

    public bool IsContainer => Type == "container.v0" || Type == "container.v1";

    public bool IsParameter => Type == "parameter.v0";

    public static ManifestResource Read(JsonProperty property)
    {
        var element = property.Value;
        var type = String(element, "type") ?? throw new ManifestException($"Resource '{property.Name}' has no type.");
        return new ManifestResource(
            property.Name,
            type,
            String(element, "image"),
            String(element, "path"),
            String(element, "connectionString"),
            String(element, "entrypoint"),
            element.TryGetProperty("args", out var args) ? [.. args.EnumerateArray().Select(arg => arg.GetString() ?? "")] : [],
            element.TryGetProperty("env", out var env)
                ? [.. env.EnumerateObject().Select(variable => KeyValuePair.Create(variable.Name, variable.Value.GetString() ?? ""))]
                : [],
            element.TryGetProperty("bindings", out var bindings) ? [.. bindings.EnumerateObject().Select(ManifestBinding.Read)] : [],
            element.TryGetProperty("volumes", out var volumes) ? [.. volumes.EnumerateArray().Select(ManifestVolume.Read)] : [],
            element.TryGetProperty("bindMounts", out var bindMounts) ? bindMounts.GetArrayLength() : 0,
            type == "parameter.v0" ? ManifestParameter.Read(element) : null);
    }

    internal static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}

internal sealed record ManifestBinding(string Name, string Scheme, string Transport, int? Port, int? TargetPort, bool External)
{
    public bool IsHttps => Scheme == "https";

    public static ManifestBinding Read(JsonProperty property) => new(
        property.Name,
        ManifestResource.String(property.Value, "scheme") ?? "tcp",
        ManifestResource.String(property.Value, "transport") ?? "tcp",
        ManifestResource.Int(property.Value, "port"),
        ManifestResource.Int(property.Value, "targetPort"),
        property.Value.TryGetProperty("external", out var external) && external.ValueKind == JsonValueKind.True);
}

internal sealed record ManifestVolume(string Name, string Target, bool ReadOnly)
{
    public static ManifestVolume Read(JsonElement element) => new(
        ManifestResource.String(element, "name") ?? throw new ManifestException("A volume has no name (anonymous volumes cannot be claimed)."),
        ManifestResource.String(element, "target") ?? throw new ManifestException("A volume has no target path."),
        element.TryGetProperty("readOnly", out var readOnly) && readOnly.ValueKind == JsonValueKind.True);
}

/// <summary>A parameter's input: secret ones become Secret references, others need a default value.</summary>
internal sealed record ManifestParameter(bool Secret, string? Default)
{
    public static ManifestParameter Read(JsonElement element)
    {
        if (!element.TryGetProperty("inputs", out var inputs) || !inputs.TryGetProperty("value", out var value))
        {
            return new ManifestParameter(false, ManifestResource.String(element, "value"));
        }

        var secret = value.TryGetProperty("secret", out var flag) && flag.ValueKind == JsonValueKind.True;
        var fallback = value.TryGetProperty("default", out var defaults) ? ManifestResource.String(defaults, "value") : null;
        return new ManifestParameter(secret, fallback);
    }
}

internal sealed class ManifestException(string message) : Exception(message);
