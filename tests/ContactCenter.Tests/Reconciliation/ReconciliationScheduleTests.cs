using ContactCenter.Api.Conferences;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Reconciliation;

/// <summary>When the background reconciler runs: once at start, then every Reconciliation:Interval on the (fake) clock.</summary>
public sealed class ReconciliationScheduleTests
{
    [Fact]
    public async Task A_room_left_live_while_the_service_was_down_is_reconciled_when_it_starts()
    {
        await using var harness = new ReconciliationHarness(StorageEngine.Sqlite, 311);
        await using (var before = harness.Service())
        {
            await harness.SeedAsync(before);
        }

        harness.TwilioSays("completed");
        await using var restarted = harness.Service(background: true);

        var room = await harness.RoomWhenAsync(restarted, r => r.Status == ConferenceStatus.Ended);
        Assert.Equal("reconciled", room.EndReason);
        Assert.Equal(1, harness.Fetches);
    }

    [Fact]
    public async Task After_the_start_pass_the_next_check_waits_for_the_interval_on_the_clock()
    {
        await using var harness = new ReconciliationHarness(StorageEngine.Sqlite, 312);
        await using (var before = harness.Service())
        {
            await harness.SeedAsync(before);
        }

        harness.TwilioSays("in-progress", harness.Call.CustomerCall, harness.Call.AgentCall, harness.Call.SupervisorCall);
        await using var service = harness.Service(background: true, interval: "00:02:00");
        service.StartServer();
        await harness.UntilTwilioAskedAsync(fetches: 1);
        Assert.Equal(ConferenceStatus.Active, (await harness.RoomAsync(service)).Status);

        harness.TwilioSays("completed");
        harness.Clock.Advance(TimeSpan.FromMinutes(2));

        var room = await harness.RoomWhenAsync(service, r => r.Status == ConferenceStatus.Ended);
        Assert.Equal("reconciled", room.EndReason);
        Assert.Equal(2, harness.Fetches);
    }

    [Theory]
    [InlineData("Reconciliation:Interval", "00:00:01")]
    [InlineData("Reconciliation:MaxRoomsPerPass", "0")]
    public void A_bad_reconciliation_setting_stops_the_start_naming_the_key(string key, string value)
    {
        using var service = new ContactCenterFactory().With((key, value));

        Assert.Contains(key, service.StartupFailure().Message);
    }
}
