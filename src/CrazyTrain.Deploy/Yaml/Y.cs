using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Yaml;

/// <summary>
/// Small builders over YamlDotNet's node model. Mappings keep the order they are written in, so the output is
/// the same on every run; strings that YAML would read as numbers or booleans are quoted, so a ConfigMap value
/// "1" stays a string.
/// </summary>
internal static partial class Y
{
    /// <summary>A mapping; entries whose value is null are left out, so optional fields read naturally.</summary>
    public static YamlMappingNode Map(params (string Key, YamlNode? Value)[] entries)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in entries)
        {
            if (value is not null)
            {
                map.Add(new YamlScalarNode(key), value);
            }
        }

        return map;
    }

    public static YamlMappingNode Map(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in entries)
        {
            map.Add(Str(key), Str(value));
        }

        return map;
    }

    public static YamlSequenceNode Seq(IEnumerable<YamlNode> items) => new(items);

    public static YamlSequenceNode Seq(params YamlNode[] items) => new(items);

    public static YamlSequenceNode Strings(IEnumerable<string> items) => new(items.Select(item => (YamlNode)Str(item)));

    public static YamlScalarNode Str(string value) =>
        new(value) { Style = NeedsQuotes(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };

    public static YamlScalarNode Num(int value) =>
        new(value.ToString(CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };

    public static YamlScalarNode Bool(bool value) => new(value ? "true" : "false") { Style = ScalarStyle.Plain };

    public static YamlScalarNode Null() => new("null") { Style = ScalarStyle.Plain };

    /// <summary>Strings a YAML 1.1 or 1.2 reader would turn into something else.</summary>
    private static bool NeedsQuotes(string value) => value.Length == 0 || Ambiguous().IsMatch(value);

    [GeneratedRegex(
        @"^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?(?:\.inf|\.nan)|[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9]+(?::[0-5]?[0-9])+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Ambiguous();
}
