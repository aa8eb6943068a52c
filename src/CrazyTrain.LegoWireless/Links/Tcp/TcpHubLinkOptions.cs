using System.ComponentModel.DataAnnotations;

namespace CrazyTrain.LegoWireless.Links.Tcp;

/// <summary>Where the twin's virtual City hub listens (section <c>CrazyTrain:TwinHub</c>).</summary>
public sealed class TcpHubLinkOptions
{
    public const string SectionName = "CrazyTrain:TwinHub";

    /// <summary><c>tcp://host:port</c> of the twin's hub link; when empty in Simulation the controller runs its own in-process virtual hub.</summary>
    [RegularExpression("^tcp://[^/:]+:[0-9]{1,5}/?$", ErrorMessage = "CrazyTrain:TwinHub:Endpoint must look like tcp://host:port.")]
    public string? Endpoint { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(Endpoint);
}
