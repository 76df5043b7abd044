using ContactCenter.Api.Admin;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Console;
using ContactCenter.Api.Control;
using ContactCenter.Api.History;
using ContactCenter.Api.Hosting;
using ContactCenter.Api.Observability;
using ContactCenter.Api.People;
using ContactCenter.Api.Operations;
using ContactCenter.Api.Reactions;
using ContactCenter.Api.Reconciliation;
using ContactCenter.Api.Routing;
using ContactCenter.Api.Simulator;
using ContactCenter.Api.Storage;
using ContactCenter.Api.Twilio;
using ContactCenter.Api.Twilio.Rest;
using ContactCenter.Api.Voice;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddObservability();
builder.Services.AddTelemetry(builder.Configuration, builder.Environment);
builder.Services.AddRateLimits();
builder.Services.AddHosting(builder.Configuration);
builder.Services.AddStorage();
builder.Services.AddCallbackReactions();
builder.Services.AddTwilioWebhooks();
builder.Services.AddTwilioRestClient();
builder.Services.AddVoice();
builder.Services.AddTwilioSimulator(builder.Configuration, builder.Environment);
builder.Services.AddConferenceState();
builder.Services.AddAdmin();
builder.Services.AddPeople(builder.Configuration);
builder.Services.AddConferenceControl();
builder.Services.AddReconciliation();
builder.Services.AddCallRouting();
builder.Services.AddQueueWait();
builder.Services.AddConsoleEvents();
builder.Services.AddCallHistory();

var app = builder.Build();
if (!app.ConfigurationIsValid())
{
    return 1;
}

app.UseForwardedHeaders();
app.UseConsoleStaticFiles();
app.UseRequestLogging();
app.UseExceptionHandler();
app.UseAdminProblemDetails();
app.UseAuthentication();
app.UseRateLimits();
app.UseAuthorization();

app.MapHealth();
app.MapVoice();
app.MapConferenceEvents();
app.MapTwilioSimulator();
app.MapConsoleSignIn();
app.MapAdminConferences();
app.MapAdminControl();
app.MapRouting();
app.MapQueueWait();
app.MapMetrics();
app.MapApiReference();
app.MapConsoleEvents();
app.MapCallHistory();
app.MapSupervisorPage();
app.MapConsolePages();
app.MapMyCall();

app.Run();
return 0;

public partial class Program;
