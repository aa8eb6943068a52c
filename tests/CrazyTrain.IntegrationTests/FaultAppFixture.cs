namespace CrazyTrain.IntegrationTests;

/// <summary>
/// The whole application for the fault suite, apart from the other integration tests because the suite kills and
/// freezes its services. The twin's only sign is a parking sign, which the policy ignores, so the train cruises
/// round the loop until a fault stops it.
/// </summary>
public sealed class FaultAppFixture : TrainAppFixture
{
    public FaultAppFixture()
        : base(["--CrazyTrain:Twin:Signs:0:Kind=parking", "--CrazyTrain:Twin:Signs:0:PositionCm=140"])
    {
    }

    /// <summary>The times measured so far, written under the test output after each fault.</summary>
    public FaultTimes Times { get; } = new(Path.Combine(AppContext.BaseDirectory, "fault-suite"));
}

[CollectionDefinition(Name)]
public sealed class FaultSuiteCollection : ICollectionFixture<FaultAppFixture>
{
    public const string Name = "The fault suite";
}
