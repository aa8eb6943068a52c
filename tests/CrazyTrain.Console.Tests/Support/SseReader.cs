using System.Text;

namespace CrazyTrain.Console.Tests.Support;

/// <summary>One event as a browser's EventSource would see it.</summary>
public sealed record SseEvent(string? Id, string Type, string Data, int? Retry);

/// <summary>Reads a <c>text/event-stream</c> the way EventSource does: fields per line, a blank line ends an event.</summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    public async Task<SseEvent> NextAsync(CancellationToken cancellationToken)
    {
        string? id = null, type = null;
        int? retry = null;
        var data = new StringBuilder();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.Length == 0)
            {
                if (type is null && data.Length == 0 && retry is null)
                {
                    continue;
                }

                return new SseEvent(id, type ?? "message", data.ToString(), retry);
            }

            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data.Append(value); break;
                case "retry": retry = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            }
        }
    }

    /// <summary>Skips events until one of <paramref name="type"/> arrives.</summary>
    public async Task<SseEvent> NextOfTypeAsync(string type, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = await NextAsync(cancellationToken);
            if (next.Type == type)
            {
                return next;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
