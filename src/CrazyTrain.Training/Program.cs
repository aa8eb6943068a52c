using System.CommandLine;
using CrazyTrain.Training.Commands;

var root = new RootCommand("CrazyTrain model factory: render LEGO track scenes, train a sign detector, export it to ONNX, evaluate it.");
foreach (var command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();
