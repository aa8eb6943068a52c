using System.CommandLine;
using CrazyTrain.SignModel.Batch;

namespace CrazyTrain.Training.Commands;

internal static partial class CommandCatalog
{
    static partial void AddModelCommands(List<Command> commands)
    {
        commands.Add(TrainCommand.Create());
        commands.Add(TrainReaderCommand.Create());
        commands.Add(ExportCommand.Create());
        commands.Add(EvaluateCommand.Create());
        commands.Add(BenchmarkCommand.Create());
        commands.Add(DetectCommand.Create());
        commands.Add(BuildModelCommand.Create());
    }
}
