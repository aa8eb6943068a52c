using System.ComponentModel.DataAnnotations;
using CrazyTrain.Simulation.Scenes;

namespace CrazyTrain.Twin.Camera;

/// <summary>The twin's virtual camera (section <c>CrazyTrain:Twin:Camera</c>).</summary>
public sealed class CameraOptions
{
    public const string SectionName = "CrazyTrain:Twin:Camera";

    /// <summary>
    /// Frames per simulated second: the rate capture takes them at (capture's Simulation rate, 30, the train camera's).
    /// The live renderer holds about that on one core; when it cannot, simulated time slows to match (see VirtualCamera).
    /// </summary>
    [Range(1.0, 60.0)]
    public double FramesPerSecond { get; set; } = 30;

    /// <summary>Room style around the table (one of the renderer's <see cref="SceneStyles"/>).</summary>
    [Required]
    public string Style { get; set; } = SceneStyles.LivingRoomDaylight.Name;

    [Range(0, int.MaxValue)]
    public int Seed { get; set; } = 1;

    /// <summary>1 for the live fast path; 2 is the dataset renderer's quality (about 4x the work on the ground and signs).</summary>
    [Range(1, 2)]
    public int Supersampling { get; set; } = 1;

    [Range(30, 100)]
    public int JpegQuality { get; set; } = 85;

    /// <summary>Camera height above the table (cm): a webcam on a LEGO wagon sits about 5 cm up.</summary>
    [Range(2.0, 15.0)]
    public double HeightCm { get; set; } = 5.2;
}
