using System.Text.Json;
using CrazyTrain.Twin.Episodes;
using CrazyTrain.Twin.Episodes.Sightings;

namespace CrazyTrain.Twin.Tests.Episodes;

/// <summary>The offline sightings audit: its arguments, and one episode's lap through the shipped model.</summary>
public sealed class SightingsCommandTests
{
    [Fact]
    public void The_arguments_are_read_with_their_defaults()
    {
        var arguments = SightingsArguments.Parse(["--seed", "7", "--output", "out.json"]);

        Assert.Equal(new SightingsArguments(1, 7, "out.json", null, null, 0.9, 10, null), arguments);
    }

    [Theory]
    [InlineData("--output f", "--seed is required")]
    [InlineData("--seed 1", "--output FILE is required")]
    [InlineData("--seed 1 --output f --step-cm 0", "--step-cm is '0'")]
    [InlineData("--seed 1 --output f --gate-px ten", "--gate-px is 'ten'")]
    [InlineData("--seed 1 --output f --laps 3", "Unknown argument '--laps'")]
    public void Bad_arguments_are_refused_with_what_is_wrong(string line, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => SightingsArguments.Parse(line.Split(' ')));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_model_file_that_cannot_be_loaded_is_exit_code_1()
    {
        var output = Path.Combine(Path.GetTempPath(), $"sightings-{Guid.NewGuid():N}.json");
        Assert.Equal(1, SightingsCommand.Run(["--seed", "1", "--output", output, "--model", "/nonexistent/model.onnx"]));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_lap_through_the_shipped_model_confirms_its_stop_sign_before_the_train_reaches_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"sightings-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var output = Path.Combine(folder, "sightings.json");
            // A coarse step keeps the lap to ~80 frames; a STOP sign stays in view for ~70 cm before it, many steps.
            Assert.Equal(0, SightingsCommand.Run(["--seed", "4242", "--output", output, "--step-cm", "4", "--frames", Path.Combine(folder, "frames")]));

            using var report = JsonDocument.Parse(File.ReadAllText(output));
            var episode = report.RootElement.GetProperty("episodes")[0];
            var plan = EpisodePlan.FromSeed(4242);
            Assert.Equal(plan.Style, episode.GetProperty("style").GetString());
            Assert.Equal((int)Math.Ceiling(plan.BuildLineside().Layout.LengthCm / 4), episode.GetProperty("frames").GetInt32());
            var stop = episode.GetProperty("signs").EnumerateArray().First(s => s.GetProperty("kind").GetString() == "stop");
            Assert.InRange(stop.GetProperty("confirmedBeforeCm").GetDouble(), 0, 150);
            Assert.True(stop.GetProperty("widthPx").GetDouble() >= 10, "a sighting narrower than the gate never acts");
            foreach (var sighting in episode.GetProperty("falseSightings").EnumerateArray())
            {
                Assert.True(File.Exists(sighting.GetProperty("frameFile").GetString()), "each false sighting keeps its frame");
            }

            var summary = report.RootElement.GetProperty("summary");
            Assert.Equal(episode.GetProperty("falseSightings").GetArrayLength(), summary.GetProperty("falseSightings").GetInt32());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
