using CrazyTrain.Inference;
using CrazyTrain.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTrainMessaging();
builder.AddTopicConsumer<FramePassThrough>(Topics.Frames);

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
