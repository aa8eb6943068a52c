using System.CommandLine;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.Training.Commands;

var root = new RootCommand("CrazyTrain's command line: render LEGO track scenes, train a sign detector, export it to ONNX, evaluate and benchmark it, detect signs in images.");
foreach (var command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception error) when (error is ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException or ModelLoadException)
{
    // Bad input (a missing folder, an unreadable image, an unknown label) is the user's to fix: say what, not where in the code.
    await Console.Error.WriteLineAsync($"error: {error.Message}");
    return 2;
}
