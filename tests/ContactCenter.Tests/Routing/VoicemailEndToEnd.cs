using System.Net.Http.Json;
using ContactCenter.Api.Routing;
using ContactCenter.Tests.EndToEnd;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Routing;

/// <summary>Max wait to voicemail with the simulator: redirected, a message recorded, listed once, the call ended.</summary>
public sealed class VoicemailEndToEnd
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_caller_past_the_max_wait_leaves_a_voicemail_that_is_listed_once_without_a_phone_number(bool chaos)
    {
        await using var live = RoutingHarness.Start(chaos, ["alice"], ("Queues:0:MaxWaitSeconds", "1"), ("Queues:0:MaxWaitAction", "voicemail"));
        var (caller, _) = await live.PlaceCallAsync();

        var page = await RoutingHarness.WhenAsync(() => live.Admin.GetFromJsonAsync<VoicemailPage>("/admin/voicemails", ServiceClients.Json),
            p => p!.Items.Count > 0, "a voicemail is listed");
        var ended = await RoutingHarness.WhenAsync(() => live.SimCallAsync(caller), c => c.Status == "completed", "the caller's call ends after goodbye");
        await live.SettledAsync();

        var voicemail = Assert.Single(page!.Items);
        Assert.Equal((caller, "support", SimulatedDuration), (voicemail.CallSid, voicemail.QueueId, voicemail.DurationSeconds));
        Assert.StartsWith("RE", voicemail.RecordingSid, StringComparison.Ordinal);
        Assert.Contains(ended.Prompts, p => p == "record:" + voicemail.RecordingSid);
        Assert.Null(ended.ConferenceSid);
        var again = await live.Admin.GetStringAsync("/admin/voicemails");
        Assert.Single((await live.Admin.GetFromJsonAsync<VoicemailPage>("/admin/voicemails", ServiceClients.Json))!.Items);
        Assert.DoesNotContain(LiveContactCenter.CallerNumber[2..], again, StringComparison.Ordinal);
        var queue = await live.QueueAsync();
        Assert.Empty(queue!.Waiting);
        Assert.Equal("offline", (await live.AgentAsync("alice")).Presence);
        Assert.DoesNotContain(live.Logs.Events, e => e.Level >= Serilog.Events.LogEventLevel.Error);
        Assert.DoesNotContain(live.Logs.Rendered, line => line.Contains(LiveContactCenter.CallerNumber, StringComparison.Ordinal));
    }

    private const int SimulatedDuration = ContactCenter.TwilioSimulator.SimulatedTwilio.MessageSeconds;
}
