using CrazyTrain.ServiceDefaults;

namespace CrazyTrain.Controller.Tests.Hosting;

public sealed class MallocArenasTests
{
    [Fact]
    public void Glibc_takes_the_arena_cap_unless_the_operator_set_one()
    {
        // On Linux the P/Invoke must reach glibc's mallopt (a wrong library name would silently leave 8 arenas a core).
        var expected = OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null;

        Assert.Equal(expected, MallocArenas.Cap());
    }
}
