using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ContactCenter.Tests.Reactions;

/// <summary>
/// kill -9 in the middle of a warm transfer, then a restart on the same database: nothing is left half-done (the transfer
/// completed or rolled back, the caller off hold, the first agent ending the call on exit, the room open to a new transfer)
/// and nobody is dialed twice.
/// </summary>
// Integration: child processes killed and restarted (slow).
[Trait("Category", "Integration")]
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private static readonly (string, string)[] Directory =
    [
        ("Agents:0:Id", "alice"), ("Agents:0:Name", "Alice"), ("Agents:0:Endpoint", "client:alice"),
        ("Agents:1:Id", "bob"), ("Agents:1:Name", "Bob"), ("Agents:1:Endpoint", "client:bob"),
        ("Agents:2:Id", "carol"), ("Agents:2:Name", "Carol"), ("Agents:2:Endpoint", "client:carol"),
    ];

    private readonly CallScenario _call = new(801);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "contactcenter-crash-" + Guid.NewGuid().ToString("N"));
    private FakeTwilio _twilio = null!;

    private string Database => Path.Combine(_folder, "contactcenter.db");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(_folder);
        _twilio = await FakeTwilio.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _twilio.DisposeAsync();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("the caller being put on hold")]
    [InlineData("the target's dial")]
    public async Task Killed_while_an_admin_started_transfer_waits_between_its_steps_the_restart_rolls_it_back(string blockedIn)
    {
        await using var first = await StartAsync();
        await SeedAsync(first);
        var blocked = _twilio.BlockAfter(blockedIn.Contains("hold") ? Hold(_call.CustomerCall, true) : line => line.Contains("/Participants.json", StringComparison.Ordinal));
        var request = first.Http.PostAsJsonAsync($"/admin/conferences/{_call.Room}/transfers", new { type = "warm", to = new { agent = "bob" } });
        await blocked.WaitAsync(TimeSpan.FromSeconds(15));
        first.Kill();
        await Assert.ThrowsAnyAsync<Exception>(() => request);
        _twilio.Unblock();

        await using var second = await StartAsync();
        await UntilSettledAsync("failed");

        Assert.Equal("interrupted", Query("SELECT reason FROM transfers"));
        AssertNothingHalfDone();
        Assert.Null(_twilio.Find(_call.ConferenceSid, "transfer-target")); // a dialed target was removed by its label
        await AssertRoomTakesANewTransferAsync(second);
    }

    [Fact]
    public async Task Killed_while_a_callbacks_reaction_waits_inside_a_Twilio_request_the_restart_finishes_it()
    {
        await using var first = await StartAsync();
        await SeedAsync(first);
        var started = await first.Http.PostAsJsonAsync($"/admin/conferences/{_call.Room}/transfers", new { type = "warm", to = new { agent = "bob" } });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var target = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("targetCallSid").GetString()!;
        Assert.True(_twilio.Find(_call.ConferenceSid, _call.CustomerCall)!.Hold);

        var blocked = _twilio.BlockAfter(Hold(_call.CustomerCall, false));
        await first.CallbackAsync("/call-status", TwilioForms.CallStatus(target, "no-answer", 3, CallScenario.At(40)));
        await blocked.WaitAsync(TimeSpan.FromSeconds(15));
        _twilio.Find(_call.ConferenceSid, _call.CustomerCall)!.Hold = true; // the unhold is lost with the process
        first.Kill();
        _twilio.Unblock();

        await using var second = await StartAsync();
        await UntilSettledAsync("failed");

        Assert.Equal("no-answer", Query("SELECT reason FROM transfers"));
        AssertNothingHalfDone();
        await ReactionQueue.UntilAsync(() => Query("SELECT COUNT(*) FROM reactions WHERE state = 'pending'") == "0", "the interrupted reaction's second run", 20);
        Assert.Equal("done:2", Query("SELECT state || ':' || attempts FROM reactions WHERE source_sid = '" + target + "'"));
        await AssertRoomTakesANewTransferAsync(second);
    }

    private Task<ServiceProcess> StartAsync() => ServiceProcess.StartAsync(Database, _twilio.BaseUrl, Directory);

    /// <summary>The caller and alice (ending the call on exit) in the room, at Twilio and in the service's record.</summary>
    private async Task SeedAsync(ServiceProcess service)
    {
        _twilio.Join(_call.ConferenceSid, _call.CustomerCall, "customer");
        _twilio.Join(_call.ConferenceSid, _call.AgentCall, "agent", endConferenceOnExit: true);
        await service.CallbackAsync("/conference-events", Participant(1, _call.CustomerCall, "customer"));
        await service.CallbackAsync("/conference-events", TwilioForms.ConferenceEvent(_call.ConferenceSid, _call.Room, 2, "conference-start", CallScenario.At(1)));
        await service.CallbackAsync("/conference-events", Participant(3, _call.AgentCall, "agent"));
    }

    private Dictionary<string, string> Participant(long sequence, string callSid, string label) =>
        TwilioForms.ParticipantEvent(_call.ConferenceSid, _call.Room, sequence, "participant-join", CallScenario.At((int)sequence), callSid, label,
            endConferenceOnExit: label == "agent");

    private Func<string, bool> Hold(string callSid, bool hold) =>
        line => line.Contains($"/Participants/{callSid}.json", StringComparison.Ordinal) && line.Contains($"Hold={(hold ? "true" : "false")}", StringComparison.Ordinal);

    private async Task UntilSettledAsync(string state) =>
        await ReactionQueue.UntilAsync(() => Query("SELECT state || ':' || settled FROM transfers") == state + ":1", $"the transfer {state} and settled", 20);

    private void AssertNothingHalfDone()
    {
        Assert.False(_twilio.Find(_call.ConferenceSid, _call.CustomerCall)!.Hold, "the caller is still on hold");
        Assert.True(_twilio.Find(_call.ConferenceSid, _call.AgentCall)!.EndConferenceOnExit, "alice no longer ends the call on exit");
        Assert.Equal(_twilio.Dialed.Distinct().Count(), _twilio.Dialed.Count);
    }

    private async Task AssertRoomTakesANewTransferAsync(ServiceProcess service)
    {
        var again = await service.Http.PostAsJsonAsync($"/admin/conferences/{_call.Room}/transfers", new { type = "warm", to = new { agent = "carol" } });
        Assert.True(again.StatusCode == HttpStatusCode.Accepted, await again.Content.ReadAsStringAsync());
        Assert.Equal(_twilio.Dialed.Distinct().Count(), _twilio.Dialed.Count);
        Assert.Equal("client:carol", _twilio.Dialed.Last());
    }

    private string? Query(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
