using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrazyTrain.Messaging;

namespace CrazyTrain.Controller.Orders;

/// <summary>One order as the journal keeps it: its place in the sequence and the key it goes to Kafka with.</summary>
public sealed record JournalEntry(
    [property: JsonPropertyName("seq")] long Sequence,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("order")] OrderMessage Order);

/// <summary>What an earlier process left: the newest orders (for the history) and those the broker never confirmed.</summary>
public sealed record JournalContents(IReadOnlyList<JournalEntry> Newest, IReadOnlyList<JournalEntry> Undelivered, long LastSequence, int UnreadableLines);

/// <summary>
/// The train's order record under the controller's state folder, so the order history and the orders the broker
/// has not confirmed survive a restart. <c>orders.jsonl</c> holds one order a line, appended and flushed to disk
/// before delivery is attempted; <c>orders.delivered</c> holds the sequence number of the last order the broker
/// acknowledged. Orders after that number are delivered again at start: at least once, in order (a crash between
/// the broker's acknowledgement and the marker can repeat one order; it never loses one). Only the order courier
/// writes here, never the policy loop.
/// </summary>
public sealed class OrderJournal(string stateFolder, int keep)
{
    public const string FileName = "orders.jsonl";
    public const string DeliveredFileName = "orders.delivered";

    private int _lines = -1;

    public string FilePath => Path.Combine(stateFolder, FileName);

    private string DeliveredPath => Path.Combine(stateFolder, DeliveredFileName);

    /// <summary>Reads the journal. A line that cannot be read (a crash mid-write) is skipped and counted, never fatal.</summary>
    public JournalContents Load()
    {
        var delivered = ReadDelivered();
        var newest = new Queue<JournalEntry>();
        var undelivered = new List<JournalEntry>();
        var last = delivered;
        var unreadable = 0;
        _lines = 0;
        if (File.Exists(FilePath))
        {
            foreach (var line in File.ReadLines(FilePath))
            {
                _lines++;
                if (Parse(line) is not { } entry)
                {
                    unreadable += line.Length > 0 ? 1 : 0;
                    continue;
                }

                last = Math.Max(last, entry.Sequence);
                newest.Enqueue(entry);
                if (newest.Count > keep)
                {
                    newest.Dequeue();
                }

                if (entry.Sequence > delivered)
                {
                    undelivered.Add(entry);
                }
            }
        }

        return new JournalContents([.. newest], undelivered, last, unreadable);
    }

    /// <summary>Appends and flushes to disk; the journal is rewritten to the newest orders (and all undelivered ones) when it has grown to twice <c>keep</c>.</summary>
    public void Append(IReadOnlyCollection<JournalEntry> entries, IReadOnlyCollection<JournalEntry> undelivered)
    {
        if (entries.Count == 0)
        {
            return;
        }

        Directory.CreateDirectory(stateFolder);
        if (_lines < 0)
        {
            _lines = File.Exists(FilePath) ? File.ReadLines(FilePath).Count() : 0;
        }

        using (var file = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read))
        {
            // A crash mid-write leaves a torn last line: end it, so the next order starts a line of its own.
            if (file.Length > 0)
            {
                file.Seek(-1, SeekOrigin.End);
                if (file.ReadByte() != '\n')
                {
                    file.WriteByte((byte)'\n');
                }
            }

            file.Seek(0, SeekOrigin.End);
            Write(file, entries);
            file.Flush(flushToDisk: true);
        }

        _lines += entries.Count;
        if (_lines > 2 * keep)
        {
            Compact(undelivered);
        }
    }

    /// <summary>Records that the broker acknowledged every order up to <paramref name="sequence"/> (temporary file, flush, rename).</summary>
    public void MarkDelivered(long sequence)
    {
        Directory.CreateDirectory(stateFolder);
        var temporary = DeliveredPath + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes(sequence.ToString(CultureInfo.InvariantCulture)));
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, DeliveredPath, overwrite: true);
    }

    private void Compact(IReadOnlyCollection<JournalEntry> undelivered)
    {
        var newest = Load().Newest;
        var kept = newest.Concat(undelivered.Where(entry => entry.Sequence < (newest.Count > 0 ? newest[0].Sequence : long.MaxValue)))
            .OrderBy(entry => entry.Sequence)
            .ToList();
        var temporary = FilePath + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            Write(file, kept);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, FilePath, overwrite: true);
        _lines = kept.Count;
    }

    private static void Write(Stream file, IEnumerable<JournalEntry> entries)
    {
        foreach (var entry in entries)
        {
            file.Write(JsonSerializer.SerializeToUtf8Bytes(entry, TrainJson.Options));
            file.WriteByte((byte)'\n');
        }
    }

    private static JournalEntry? Parse(string line)
    {
        try
        {
            return line.Length == 0 ? null : JsonSerializer.Deserialize<JournalEntry>(line, TrainJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private long ReadDelivered() =>
        File.Exists(DeliveredPath) && long.TryParse(File.ReadAllText(DeliveredPath).Trim(), CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : 0;
}
