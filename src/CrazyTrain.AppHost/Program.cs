using CrazyTrain.AppHost;
using CrazyTrain.AppHost.Health;
using CrazyTrain.AppHost.Kafka;

var builder = DistributedApplication.CreateBuilder(args);
var mode = builder.GetTrainMode();

// The backbone: frames, detections, orders and telemetry travel over Kafka (Kafka:Broker chooses which one).
var kafka = builder.AddKafka("kafka");

// One operator credential for every operator action (capture, controller, console); generated for local runs.
var operatorToken = builder.AddOperatorToken();

// Simulation: the twin is the train's world (track, signs, motor physics) and holds the virtual City hub.
// Hardware (and published deployments) have the real train instead: no twin. Resetting it to an episode is an
// operator action; CrazyTrain:HttpPorts:twin pins its http port for the episodes command.
var twin = builder.AddTwin(mode)?.WithOperatorToken(operatorToken).WithHttpPortFromConfiguration();

// Camera (in Simulation the twin's rendered view, or a sample video) -> train.frames
var capture = builder.AddProject<Projects.CrazyTrain_Capture>("capture")
    .WithTrainMode(mode)
    .WithCamera(mode, twin)
    .WithOperatorToken(operatorToken)
    .WithReference(kafka).WaitFor(kafka)
    .WithServiceHealthCheck();

// train.frames -> model -> train.detections
var inference = builder.AddProject<Projects.CrazyTrain_Inference>("inference")
    .WithTrainMode(mode)
    .WithReference(kafka).WaitFor(kafka)
    .WithServiceHealthCheck();

// train.detections -> driving policy -> hub (the twin's in Simulation), train.orders, train.telemetry
var controller = builder.AddProject<Projects.CrazyTrain_Controller>("controller")
    .WithTrainMode(mode)
    .WithOperatorToken(operatorToken)
    .WithStateFolder()
    .WithReference(kafka).WaitFor(kafka)
    .WithHub(twin)
    .WithHttpPortFromConfiguration()
    .WithServiceHealthCheck();

// The dead-man: watches the controller's heartbeat and cuts the hub's link (the twin's in Simulation) when it stops.
builder.AddHubGuard(mode, controller, twin, operatorToken);

// The operator console: live view and controls, reading every topic and calling the services by name with the
// operator token it holds. Browsers sign in through the login link the dashboard shows beside the console's URL.
builder.AddProject<Projects.CrazyTrain_Console>("console")
    .WithTrainMode(mode)
    .WithReference(kafka).WaitFor(kafka)
    // Plain http endpoints only: inside the cluster the services are not offered over https.
    .WithReference(capture.GetEndpoint("http"))
    .WithReference(inference.GetEndpoint("http"))
    .WithReference(controller.GetEndpoint("http"))
    .WithTwinMap(twin)
    .WithOperatorToken(operatorToken)
    .WithOperatorLoginLink(operatorToken)
    .WithServiceHealthCheck()
    .WithExternalHttpEndpoints();

// Last, over every service above: glibc's malloc arenas capped from the first thread on (bounded native memory).
builder.WithMallocArenaCapOnEveryService();

builder.Build().Run();
