using System.Text.Json.Nodes;
using CrazyTrain.Twin.Episodes.Command;

namespace CrazyTrain.Twin.Tests.Episodes;

/// <summary>The episodes command's arguments and its summary; the run itself starts the whole app (docs/twin.md).</summary>
public sealed class EpisodesCommandTests
{
    [Fact]
    public void The_arguments_are_read_with_their_defaults()
    {
        var arguments = EpisodesArguments.Parse(["--count", "20", "--seed", "7", "--output", "out.json"]);

        Assert.Equal(new EpisodesArguments(20, 7, "out.json", TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(900), null), arguments);
    }

    [Theory]
    [InlineData("--count 0 --seed 1 --output f", "--count is '0'")]
    [InlineData("--count x --seed 1 --output f", "--count is 'x'")]
    [InlineData("--seed 1 --output f", "--count is required")]
    [InlineData("--count 2 --seed -1 --output f", "--seed is '-1'")]
    [InlineData("--count 2 --seed 1", "--output FILE is required")]
    [InlineData("--count 2 --seed 1 --output f --episode-limit 1", "--episode-limit is '1'")]
    [InlineData("--count 2 --seed 1 --output f --laps 3", "Unknown argument '--laps'")]
    [InlineData("--count 2 --seed 1 --output", "--output needs a value")]
    public void Bad_arguments_are_refused_with_what_is_wrong(string line, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => EpisodesArguments.Parse(line.Split(' ')));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task An_unwritable_output_file_is_refused_before_the_app_starts()
    {
        var code = await EpisodesCommand.RunAsync(["--count", "1", "--seed", "1", "--output", "/nonexistent-folder/episodes.json"]);
        Assert.Equal(2, code);
    }

    [Fact]
    public void The_summary_counts_each_sign_the_train_reached_by_its_rule()
    {
        var first = Episode("lap",
            Sign("stop", stopped: true, stopCm: 8.5, reactionMs: 400, reactionSimMs: 150),
            Sign("speed_limit_30", obeyed: true, reactionMs: 600, reactionSimMs: 250),
            Sign("parking", target: false));
        var second = Episode("halted-at-no-entry",
            Sign("stop", stopped: false),
            Sign("danger", slowed: true, reactionMs: 500, reactionSimMs: 200),
            Sign("no_entry", stopped: true, stopCm: 4.0, reactionMs: 700, reactionSimMs: 300));
        second["falseStops"] = new JsonArray(new JsonObject { ["positionCm"] = 12.0 });
        first["stopOrders"] = 1;
        second["stopOrders"] = 3;
        var third = Episode("time-limit: 300 s (wall-clock) before a lap or a no-entry halt", Sign("stop"));

        var summary = EpisodesReport.Build([first, second, third], error: null)["summary"]!;

        Assert.Equal(3, summary["episodes"]!.GetValue<int>());
        Assert.Equal(2, summary["stopSigns"]!.GetValue<int>());
        Assert.Equal(1, summary["stoppedBeforeSign"]!.GetValue<int>());
        Assert.Equal(1, summary["missedStops"]!.GetValue<int>());
        Assert.Equal(1, summary["falseStops"]!.GetValue<int>());
        Assert.Equal(4, summary["stopOrders"]!.GetValue<int>()); // the third episode has none recorded
        Assert.Equal(1, summary["speedLimitSigns"]!.GetValue<int>());
        Assert.Equal(1, summary["speedLimitObeyed"]!.GetValue<int>());
        Assert.Equal(1, summary["dangerSigns"]!.GetValue<int>());
        Assert.Equal(1, summary["dangerSlowed"]!.GetValue<int>());
        Assert.Equal(1, summary["haltedAtNoEntry"]!.GetValue<int>());
        Assert.Equal(1, summary["signsNotReached"]!.GetValue<int>());
        Assert.Equal(500, summary["reactionMsP50"]!.GetValue<double>());
        Assert.Equal(700, summary["reactionMsP95"]!.GetValue<double>());
        Assert.Equal(200, summary["reactionSimMsP50"]!.GetValue<double>());
        Assert.Equal(8.5, summary["stopDistanceCmP50"]!.GetValue<double>());
        Assert.Equal(1, summary["endedBecause"]!["time-limit"]!.GetValue<int>());
    }

    [Fact]
    public void An_empty_run_has_no_percentiles_and_says_why_it_broke_off()
    {
        var report = EpisodesReport.Build([], "Time limit: the app was not healthy within 900 s");

        Assert.Equal(0, report["summary"]!["episodes"]!.GetValue<int>());
        Assert.Null(report["summary"]!["reactionMsP50"]);
        Assert.Contains("not healthy", report["error"]!.GetValue<string>());
    }

    private static JsonObject Episode(string endedBecause, params JsonObject[] signs) =>
        new() { ["endedBecause"] = endedBecause, ["signs"] = new JsonArray([.. signs]), ["falseStops"] = new JsonArray() };

    private static JsonObject Sign(string label, bool target = true, bool? stopped = null, double? stopCm = null, bool? obeyed = null, bool? slowed = null, double? reactionMs = null, double? reactionSimMs = null) => new()
    {
        ["label"] = label,
        ["target"] = target,
        ["stoppedBeforeSign"] = stopped,
        ["stopDistanceCm"] = stopCm,
        ["speedObeyed"] = obeyed,
        ["slowed"] = slowed,
        ["reactionMs"] = reactionMs,
        ["reactionSimMs"] = reactionSimMs,
    };
}
