using System.Globalization;
using System.Text;
using CrazyTrain.Deploy.Planning;

namespace CrazyTrain.Deploy.Manifest;

/// <summary>
/// Resolves the manifest's <c>{resource.property}</c> expressions to what they mean inside the cluster: a resource
/// is reached through the Service of its own name, on the Service port of the binding.
/// </summary>
internal sealed class ManifestExpressions(AspireManifest manifest)
{
    /// <summary>Key of the value inside each parameter's Secret.</summary>
    public const string SecretKey = "value";

    public static string SecretNameFor(string parameter) => $"{parameter}-secret";

    public ResolvedValue Resolve(string owner, string expression) => Resolve(owner, expression, depth: 0);

    /// <summary>The resources an expression names (<c>{kafka.connectionString}</c> names <c>kafka</c>): who talks to whom.</summary>
    public static IEnumerable<string> ResourcesNamedIn(string expression) =>
        Split(expression).Where(part => part.IsReference).Select(part => part.Text.Split('.')[0]).Distinct(StringComparer.Ordinal);

    private ResolvedValue Resolve(string owner, string expression, int depth)
    {
        if (depth > 8)
        {
            throw new ManifestException($"'{owner}': expression '{expression}' refers to itself.");
        }

        var parts = Split(expression);
        var resolved = parts.Select(part => part.IsReference ? ResolveReference(owner, part.Text, depth) : new ResolvedValue.Text(part.Text)).ToList();
        var secrets = resolved.OfType<ResolvedValue.SecretReference>().ToList();
        if (secrets.Count == 0)
        {
            return new ResolvedValue.Text(string.Concat(resolved.Cast<ResolvedValue.Text>().Select(text => text.Value)));
        }

        // A Secret key can be handed to a variable whole, never spliced into text around it.
        return resolved.Count == 1
            ? secrets[0]
            : throw new ManifestException(
                $"'{owner}': '{expression}' mixes the secret parameter '{secrets[0].Parameter}' with other text; pass the secret on its own.");
    }

    private ResolvedValue ResolveReference(string owner, string reference, int depth)
    {
        var segments = reference.Split('.');
        var target = manifest.Find(segments[0])
            ?? throw new ManifestException($"'{owner}' refers to '{{{reference}}}', but there is no resource '{segments[0]}'.");

        return segments[1..] switch
        {
            ["connectionString"] => Resolve(owner,
                target.ConnectionString ?? throw new ManifestException($"'{owner}' uses the connection string of '{target.Name}', which has none."),
                depth + 1),
            ["value"] or ["inputs", "value"] => ResolveParameter(owner, target),
            ["bindings", var binding, var property] => ResolveBinding(owner, target, binding, property),
            _ => throw new ManifestException($"'{owner}': '{{{reference}}}' is not an expression the generator knows."),
        };
    }

    private static ResolvedValue ResolveParameter(string owner, ManifestResource target)
    {
        var parameter = target.Parameter ?? throw new ManifestException($"'{owner}' uses '{target.Name}' as a parameter, but it is a {target.Type}.");
        if (parameter.Secret)
        {
            return new ResolvedValue.SecretReference(target.Name, SecretNameFor(target.Name), SecretKey);
        }

        return parameter.Default is { } value
            ? new ResolvedValue.Text(value)
            : throw new ManifestException(
                $"Parameter '{target.Name}' (used by '{owner}') has no default value; give it one in the AppHost or make it secret.");
    }

    private static ResolvedValue.Text ResolveBinding(string owner, ManifestResource target, string bindingName, string property)
    {
        var port = WorkloadPort.For(target).FirstOrDefault(candidate => candidate.Name == bindingName)
            ?? throw new ManifestException(
                $"'{owner}' refers to binding '{target.Name}.{bindingName}', which is not served in the cluster (https inside the cluster is not offered).");
        var text = property switch
        {
            "host" => target.Name,
            "port" => port.ServicePort.ToString(CultureInfo.InvariantCulture),
            "targetPort" => port.ContainerPort.ToString(CultureInfo.InvariantCulture),
            "scheme" => port.Scheme,
            "url" => $"{port.Scheme}://{target.Name}:{port.ServicePort.ToString(CultureInfo.InvariantCulture)}",
            _ => throw new ManifestException($"'{owner}': binding property '{property}' of '{target.Name}.{bindingName}' is not known."),
        };
        return new ResolvedValue.Text(text);
    }

    private static List<(string Text, bool IsReference)> Split(string expression)
    {
        var parts = new List<(string, bool)>();
        var literal = new StringBuilder();
        for (var index = 0; index < expression.Length; index++)
        {
            var character = expression[index];
            if ((character == '{' || character == '}') && index + 1 < expression.Length && expression[index + 1] == character)
            {
                literal.Append(character);
                index++;
                continue;
            }

            if (character != '{')
            {
                literal.Append(character);
                continue;
            }

            var end = expression.IndexOf('}', index);
            if (end < 0)
            {
                throw new ManifestException($"Unclosed '{{' in '{expression}'.");
            }

            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), false));
                literal.Clear();
            }

            parts.Add((expression[(index + 1)..end], true));
            index = end;
        }

        if (literal.Length > 0 || parts.Count == 0)
        {
            parts.Add((literal.ToString(), false));
        }

        return parts;
    }
}
