using System.CommandLine;

namespace CrazyTrain.Training.Commands;

internal static partial class CommandCatalog
{
    static partial void AddModelCommands(List<Command> commands)
    {
        commands.Add(BenchmarkCommand.Create());
    }
}
