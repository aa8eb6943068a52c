using CrazyTrain.Controller;
using CrazyTrain.Controller.Api;
using CrazyTrain.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTrainMessaging();
builder.AddTrainController();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapTrainApi();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
