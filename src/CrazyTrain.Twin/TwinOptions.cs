using System.ComponentModel.DataAnnotations;
using CrazyTrain.Simulation.Signs;
using CrazyTrain.Twin.Track;
using CrazyTrain.Twin.Train;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Twin;

/// <summary>The twin's world and clock (section <c>CrazyTrain:Twin</c>), validated at start.</summary>
public sealed class TwinOptions
{
    public const string SectionName = "CrazyTrain:Twin";

    /// <summary>The track, in <see cref="TrackLoop.Parse"/>'s notation; the default is an oval of 303.5 cm.</summary>
    [Required]
    public string Layout { get; set; } = "8L 4S 8L 4S";

    /// <summary>Signs beside the track; by default one STOP sign on the far straight.</summary>
    public List<SignOptions> Signs { get; set; } = [];

    /// <summary>Where the train stands when the twin starts (cm along the loop).</summary>
    [Range(0.0, 100000.0)]
    public double StartCm { get; set; }

    /// <summary>How often the clock moves the train. Physics is exact for any step; this only sets how fresh the pose is.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:01")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Simulated seconds per real second: below 1 when the camera cannot render at its rate (docs/twin.md).</summary>
    [Range(0.01, 10.0)]
    public double TimeScale { get; set; } = 1.0;

    /// <summary>TCP port of the virtual hub's link to the controller (0: any free port).</summary>
    [Range(0, 65535)]
    public int HubPort { get; set; } = 5106;

    [Range(1, 10000)]
    public int EventCapacity { get; set; } = 100;

    [Required]
    public MotorModel Motor { get; set; } = new();

    /// <summary>The signs as configured, or the default STOP sign when none are.</summary>
    public IEnumerable<LinesideSign> LinesideSigns() => Signs.Count == 0
        ? [new LinesideSign(SignKind.Stop, 140)]
        : Signs.Select(s => s.ToSign());

    /// <summary>The layout with its signs; throws <see cref="TrackLoopException"/> or <see cref="ArgumentException"/> on bad input.</summary>
    public Lineside BuildLineside() => new(TrackLoop.Parse(Layout), LinesideSigns());
}

/// <summary>One sign as written in configuration: <c>{"Kind": "stop", "PositionCm": 140, "Side": "Right", "OffsetCm": 7}</c>.</summary>
public sealed class SignOptions
{
    [Required]
    public string Kind { get; set; } = "";

    public double PositionCm { get; set; }

    public TrackSide Side { get; set; } = TrackSide.Right;

    public double OffsetCm { get; set; } = 7.0;

    public LinesideSign ToSign() => new(SignKinds.Parse(Kind), PositionCm, Side, OffsetCm);
}

/// <summary>Builds the layout and its signs at start, so a layout that does not close stops the service with why.</summary>
internal sealed class TwinOptionsValidator : IValidateOptions<TwinOptions>
{
    public ValidateOptionsResult Validate(string? name, TwinOptions options)
    {
        try
        {
            options.BuildLineside();
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is TrackLoopException or ArgumentException)
        {
            return ValidateOptionsResult.Fail($"{TwinOptions.SectionName}: {e.Message}");
        }
    }
}
