namespace CrazyTrain.HubGuard.Cutting;

/// <summary>Cuts the hub's link from the adapter's side, so the hub stops its motor; says what it did. Throws when it could not.</summary>
internal interface ILinkCutter
{
    /// <summary>Where the cut is made, for logs and health.</summary>
    string Target { get; }

    Task<string> CutAsync(string reason, CancellationToken cancellationToken);
}
