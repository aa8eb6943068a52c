using System.Runtime;
using CrazyTrain.Training.Training;

namespace CrazyTrain.Training.Tests;

/// <summary>In the torch collection, which runs alone: another test's allocations must not end the region under this one.</summary>
[Collection(TorchCollection.Name)]
public class NoCollectionTests
{
    [Fact]
    public void A_step_runs_without_collections_and_the_region_ends_with_it_even_when_it_throws()
    {
        var before = GC.CollectionCount(0);
        var (inside, collections) = NoCollection.Run(() => (GCSettings.LatencyMode, GC.CollectionCount(0)));
        Assert.Equal(GCLatencyMode.NoGCRegion, inside);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);

        Assert.Throws<InvalidOperationException>(() => NoCollection.Run<int>(() => throw new InvalidOperationException("step failed")));
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);

        // Entering the region may collect first; nothing collects inside it.
        Assert.True(collections >= before);
        var again = NoCollection.Run(() =>
        {
            var start = GC.CollectionCount(0);
            var garbage = Enumerable.Range(0, 10_000).Select(i => new byte[64]).ToList();
            return (start, GC.CollectionCount(0), garbage.Count);
        });
        Assert.Equal(again.start, again.Item2);
    }
}
