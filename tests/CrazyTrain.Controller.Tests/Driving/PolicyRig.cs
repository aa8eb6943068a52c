using CrazyTrain.Controller.Driving;
using CrazyTrain.Controller.Perception;

namespace CrazyTrain.Controller.Tests.Driving;

/// <summary>A policy on a manual clock, fed one frame every 100 ms as the camera would.</summary>
internal sealed class PolicyRig
{
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(100);

    public PolicyRig(Action<DrivingOptions>? configure = null)
    {
        configure?.Invoke(Options);
        Policy = new DrivingPolicy(Options, Time, Sightings);
    }

    /// <summary>What the gate made of each sighting, as <c>GET /api/sightings</c> serves it.</summary>
    public SightingLog Sightings { get; } = new(1000);

    public ManualTimeProvider Time { get; } = new();

    /// <summary>The rules are written for 3 of 5 frames at 100 ms; the defaults (4 of 6 for 30 frames/s, issue 16) are a tuning, not a rule.</summary>
    public DrivingOptions Options { get; } = new() { ConfirmFrames = 3, WindowFrames = 5 };

    public DrivingPolicy Policy { get; }

    public long NextFrameId { get; set; } = 1;

    public DrivingSnapshot Snapshot => Policy.Snapshot;

    /// <summary>Advances one frame interval and delivers one frame with these sightings.</summary>
    public IReadOnlyList<DrivingOrder> Frame(params (string Label, double Confidence)[] sightings) =>
        FrameWith(sightings.Select(s => new SignSighting(s.Label, s.Confidence)).ToArray());

    /// <summary>Advances one frame interval and delivers one frame with these sightings as parsed (boxes included).</summary>
    public IReadOnlyList<DrivingOrder> FrameWith(params SignSighting[] sightings)
    {
        Time.Advance(FrameInterval);
        return Policy.OnFrame(new DetectionFrame(NextFrameId++, Time.GetUtcNow(), sightings));
    }

    /// <summary>Advances one frame interval and delivers a frame whose capture time lies <paramref name="age"/> in the past (negative: the future).</summary>
    public IReadOnlyList<DrivingOrder> FrameCapturedAgo(TimeSpan age, params (string Label, double Confidence)[] sightings)
    {
        Time.Advance(FrameInterval);
        return Policy.OnFrame(new DetectionFrame(
            NextFrameId++,
            Time.GetUtcNow() - age,
            sightings.Select(s => new SignSighting(s.Label, s.Confidence)).ToList()));
    }

    /// <summary>Several frames with the same sightings; returns every order they produced.</summary>
    public List<DrivingOrder> Frames(int count, params (string Label, double Confidence)[] sightings) =>
        Enumerable.Range(0, count).SelectMany(_ => Frame(sightings)).ToList();

    /// <summary>Several frames with the same sightings as parsed (boxes included); returns every order they produced.</summary>
    public List<DrivingOrder> FramesWith(int count, params SignSighting[] sightings) =>
        Enumerable.Range(0, count).SelectMany(_ => FrameWith(sightings)).ToList();

    /// <summary>Perception is alive and an operator has started the train.</summary>
    public PolicyRig Started()
    {
        Frames(Math.Max(1, Options.MinFramesPerSecond));
        Assert.True(Policy.Start().Accepted);
        return this;
    }

    /// <summary>Time passes with no frames at all; the policy only sees clock ticks.</summary>
    public List<DrivingOrder> Silence(TimeSpan duration)
    {
        var orders = new List<DrivingOrder>();
        for (var passed = TimeSpan.Zero; passed < duration; passed += FrameInterval)
        {
            Time.Advance(FrameInterval);
            orders.AddRange(Policy.Tick());
        }

        return orders;
    }
}
