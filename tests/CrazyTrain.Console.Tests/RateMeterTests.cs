using CrazyTrain.Console.State;

namespace CrazyTrain.Console.Tests;

public sealed class RateMeterTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-28T17:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Measures_frames_per_second_over_its_window()
    {
        var meter = new RateMeter(TimeSpan.FromSeconds(3));
        for (var i = 0; i <= 30; i++)
        {
            meter.Mark(Start.AddMilliseconds(100 * i));
        }

        Assert.Equal(10.0, meter.Rate(Start.AddMilliseconds(3000)));
    }

    [Fact]
    public void Has_no_rate_once_events_stop_for_longer_than_the_window()
    {
        var meter = new RateMeter(TimeSpan.FromSeconds(3));
        meter.Mark(Start);
        meter.Mark(Start.AddMilliseconds(100));

        Assert.NotNull(meter.Rate(Start.AddMilliseconds(200)));
        Assert.Null(meter.Rate(Start.AddSeconds(10)));
    }

    [Fact]
    public void A_flood_keeps_a_bounded_number_of_events_and_still_measures_its_rate()
    {
        var meter = new RateMeter(TimeSpan.FromSeconds(3), maxEvents: 100);
        for (var i = 0; i <= 3000; i++)
        {
            meter.Mark(Start.AddMilliseconds(i));
        }

        Assert.Equal(100, meter.Kept);
        Assert.Equal(1000.0, meter.Rate(Start.AddMilliseconds(3000)));
    }
}
