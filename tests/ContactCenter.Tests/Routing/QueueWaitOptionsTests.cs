using ContactCenter.Api.Routing;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace ContactCenter.Tests.Routing;

/// <summary>Routing:Wait is validated at start, each failure naming its key.</summary>
public sealed class QueueWaitOptionsTests
{
    [Theory]
    [InlineData("Routing:Wait:AnnounceEverySeconds", "5", "Routing:Wait:AnnounceEverySeconds")]
    [InlineData("Routing:Wait:MusicUrl", "http://music.example.com/wait.mp3", "Routing:Wait:MusicUrl must be an https URL")]
    [InlineData("Routing:Wait:VoicemailMaxLengthSeconds", "0", "Routing:Wait:VoicemailMaxLengthSeconds")]
    [InlineData("Routing:Wait:VoicemailPrompt", " ", "Routing:Wait:VoicemailPrompt")]
    [InlineData("Routing:Wait:VoicemailGoodbye", "bye\u0001", "Routing:Wait:VoicemailGoodbye")]
    public async Task Invalid_wait_settings_stop_the_service_at_start_naming_the_key(string key, string value, string expected)
    {
        await using var factory = new ContactCenterFactory().With((key, value));

        var failure = factory.StartupFailure();

        Assert.Contains(failure.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(true, "https://music.example.com/wait.mp3", false)]
    [InlineData(false, null, false)]
    public async Task Queuing_callers_onto_twimlets_hold_music_which_play_cannot_play_is_warned_about_at_start(bool routing, string? music, bool warned)
    {
        (string, string?)[] queue = routing
            ?
            [
                ("Twilio:PublicBaseUrl", "https://cc.example.com"),
                ("Agents:0:Id", "alice"), ("Agents:0:Name", "Alice"), ("Agents:0:Endpoint", "client:alice"),
                ("Queues:0:Id", "sales"), ("Queues:0:Name", "Sales"), ("Queues:0:Numbers:0", "+18005550100"), ("Queues:0:Agents:0", "alice"),
            ]
            : [];
        await using var factory = new ContactCenterFactory().With([("Routing:Wait:MusicUrl", music), .. queue]);

        _ = factory.CreateClient();

        Assert.Equal(warned, factory.Logs.Events.Any(e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.StartsWith("Queued callers would hear", StringComparison.Ordinal)));
    }

}
