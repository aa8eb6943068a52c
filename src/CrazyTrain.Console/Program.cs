using CrazyTrain.Console;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTrainConsole();

var app = builder.Build();
app.MapTrainConsole();
app.Run();

/// <summary>Entry point; public so tests can host the console with WebApplicationFactory.</summary>
public partial class Program;
