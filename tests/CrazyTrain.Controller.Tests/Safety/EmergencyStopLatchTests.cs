using System.Text.Json;
using CrazyTrain.Controller.Safety;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Controller.Tests.Safety;

/// <summary>The latch file on a real disk: written, read back by a new process, removed, and never trusted when unreadable.</summary>
public sealed class EmergencyStopLatchTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crazytrain-latch-unit-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private EmergencyStopLatch Latch(string? folder = null) => new(
        Options.Create(new ControllerOptions { StateFolder = folder ?? _folder }),
        TimeProvider.System,
        NullLogger<EmergencyStopLatch>.Instance);

    [Fact]
    public void An_engaged_latch_is_on_disk_and_a_new_process_reads_it_back_as_restored()
    {
        Assert.Null(Latch().Engage("10.0.0.7"));

        var restored = Latch().Load();

        Assert.NotNull(restored);
        Assert.Equal("10.0.0.7", restored.By);
        Assert.True(restored.RestoredAtStart);
        Assert.Null(restored.Note);
        var saved = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, EmergencyStopLatch.FileName))).RootElement;
        Assert.Equal("10.0.0.7", saved.GetProperty("by").GetString());
        Assert.False(File.Exists(Path.Combine(_folder, EmergencyStopLatch.FileName + ".tmp")));
    }

    [Fact]
    public void A_cleared_latch_leaves_nothing_for_the_next_start()
    {
        var latch = Latch();
        latch.Engage("127.0.0.1");

        latch.Clear();

        Assert.Null(latch.Current);
        Assert.Null(Latch().Load());
    }

    [Theory]
    [InlineData("{ half a latch")]
    [InlineData("{}")]
    [InlineData("")]
    public void An_unreadable_latch_file_counts_as_engaged_and_says_so(string content)
    {
        File.WriteAllText(Path.Combine(_folder, EmergencyStopLatch.FileName), content);

        var restored = Latch().Load();

        Assert.NotNull(restored);
        Assert.True(restored.RestoredAtStart);
        Assert.Contains("unreadable", restored.Note);
    }

    [Fact]
    public void A_folder_that_cannot_be_written_is_reported_but_the_stop_is_still_remembered_in_memory()
    {
        // A file where the folder should be: nothing can be created under it.
        var blocked = Path.Combine(_folder, "not-a-folder");
        File.WriteAllText(blocked, "");
        var latch = Latch(blocked);

        var warning = latch.Engage("127.0.0.1");

        Assert.NotNull(warning);
        Assert.Contains("could not be saved", warning);
        Assert.NotNull(latch.Current);
    }
}
