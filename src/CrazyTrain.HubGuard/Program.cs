using CrazyTrain.HubGuard;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHubGuard();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
