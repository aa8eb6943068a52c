using System.Globalization;

namespace CrazyTrain.Twin.Episodes.Command;

/// <summary>
/// The twin's tool verbs' <c>--name value</c> pairs, checked before anything starts: an unknown name, a missing value
/// or a value out of range is one clear line (an <see cref="ArgumentException"/>, exit code 2 at the verb).
/// </summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly string _usage;

    public CommandArguments(IReadOnlyList<string> args, IReadOnlyCollection<string> names, string usage)
    {
        _usage = usage;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!names.Contains(name))
            {
                throw new ArgumentException($"Unknown argument '{name}'. {usage}");
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value. {usage}");
            }

            _values[name] = args[++i];
        }
    }

    public string? Text(string name) => _values.GetValueOrDefault(name) is { Length: > 0 } text ? text : null;

    public string RequiredText(string name, string meaning) => Text(name) ?? throw new ArgumentException($"{name} {meaning} is required. {_usage}");

    public int Whole(string name, bool required, int min, int max, string meaning, int fallback = 0)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return required ? throw new ArgumentException($"{name} is required ({meaning}). {_usage}") : fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} is '{text}'; expected {meaning}.");
    }

    public double Number(string name, double min, double max, string meaning, double fallback)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} is '{text}'; expected {meaning}.");
    }
}
