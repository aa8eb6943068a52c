using System.CommandLine;

namespace CrazyTrain.Training.Commands;

/// <summary>
/// Every verb of the tool. Scene verbs (render, render-samples) and model verbs (train, export, evaluate,
/// build-model, and the sign model's own detect and benchmark) live in their own files and add themselves through
/// these partial methods.
/// </summary>
internal static partial class CommandCatalog
{
    public static IReadOnlyList<Command> All()
    {
        var commands = new List<Command>();
        AddSceneCommands(commands);
        AddModelCommands(commands);
        return commands;
    }

    static partial void AddSceneCommands(List<Command> commands);

    static partial void AddModelCommands(List<Command> commands);
}
