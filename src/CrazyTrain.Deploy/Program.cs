using CrazyTrain.Deploy;

return GenerateCommand.Run(args, Console.Out, Console.Error);
