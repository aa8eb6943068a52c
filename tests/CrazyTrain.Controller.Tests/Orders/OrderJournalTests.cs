using CrazyTrain.Controller.Orders;

namespace CrazyTrain.Controller.Tests.Orders;

/// <summary>The order journal on a real folder: what a restart finds, a torn last line, and the bound on its size.</summary>
public sealed class OrderJournalTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static JournalEntry Entry(long sequence) =>
        new(sequence, "hub", new OrderMessage(DateTimeOffset.UnixEpoch.AddSeconds(sequence), "limit", 40, new OrderReasonMessage("speed_limit_30", 0.9, sequence)));

    [Fact]
    public void A_restart_finds_the_history_and_the_orders_after_the_last_delivered_one()
    {
        var journal = new OrderJournal(_folder.Path, keep: 10);
        journal.Append([Entry(1), Entry(2), Entry(3)], []);
        journal.MarkDelivered(1);

        var found = new OrderJournal(_folder.Path, keep: 10).Load();

        Assert.Equal([1L, 2, 3], found.Newest.Select(e => e.Sequence));
        Assert.Equal([2L, 3], found.Undelivered.Select(e => e.Sequence));
        Assert.Equal(3, found.LastSequence);
        Assert.Equal(0, found.UnreadableLines);
        Assert.Equal("speed_limit_30", found.Newest[2].Order.Reason!.Label);
    }

    [Fact]
    public void A_torn_line_is_skipped_and_counted_and_the_rest_is_kept()
    {
        var journal = new OrderJournal(_folder.Path, keep: 10);
        journal.Append([Entry(1)], []);
        // A crash in the middle of order 2: no end of line.
        File.AppendAllText(journal.FilePath, "{\"seq\":2,\"key\":\"hub\",\"ord");
        new OrderJournal(_folder.Path, keep: 10).Append([Entry(3)], []);

        var found = new OrderJournal(_folder.Path, keep: 10).Load();

        Assert.Equal([1L, 3], found.Newest.Select(e => e.Sequence));
        Assert.Equal(1, found.UnreadableLines);
    }

    [Fact]
    public void The_journal_is_cut_back_to_the_newest_orders_but_keeps_every_undelivered_one()
    {
        var journal = new OrderJournal(_folder.Path, keep: 3);
        journal.Append([Entry(1), Entry(2)], []);
        journal.MarkDelivered(2);

        // Seven orders with a keep of three: past twice the keep the file is rewritten; 3 to 7 still wait for the broker.
        journal.Append([Entry(3), Entry(4), Entry(5), Entry(6), Entry(7)], [Entry(3), Entry(4), Entry(5), Entry(6), Entry(7)]);
        var found = new OrderJournal(_folder.Path, keep: 3).Load();

        Assert.Equal(5, File.ReadAllLines(journal.FilePath).Length);
        Assert.Equal([5L, 6, 7], found.Newest.Select(e => e.Sequence));
        Assert.Equal([3L, 4, 5, 6, 7], found.Undelivered.Select(e => e.Sequence));
    }
}
