namespace CrazyTrain.HubGuard.Cutting;

/// <summary>Cuts the hub's link from the adapter's side, so the hub stops its motor; says what it did. Throws when it could not.</summary>
internal interface ILinkCutter
{
    /// <summary>Where the cut is made, for logs and health.</summary>
    string Target { get; }

    Task<CutOutcome> CutAsync(string reason, CancellationToken cancellationToken);
}

/// <summary>Whether a controller was actually cut off (false: nobody held the hub), and what was done.</summary>
internal sealed record CutOutcome(bool CutOff, string Description);
