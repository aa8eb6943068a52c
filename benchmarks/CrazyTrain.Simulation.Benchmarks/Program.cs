using CrazyTrain.Simulation.Benchmarks;

// One thread, a run past a STOP sign as the twin's camera sees it: where each renderer's frame time goes.
try
{
    // look DIR: the same poses from the dataset renderer and the live path, for the model to compare.
    if (args is ["look", var output]) return LookComparison.Run(output);
    return FrameProfile.Run(ProfileArguments.Parse(args));
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(ProfileArguments.Usage);
    return 2;
}
