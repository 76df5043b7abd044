using System.Net;
using System.Net.Http.Json;
using ContactCenter.Api.Control;
using ContactCenter.Api.Twilio.Rest;
using ContactCenter.Tests.Control;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Failures;

/// <summary>
/// A seeded room (caller and agent) over the real REST client and its resilience pipeline, with short timeouts, Twilio
/// played by <see cref="FaultyTwilio"/>. Each admin action and the setup it needs (a supervisor in the room, a transfer
/// ringing or connected) is one named <see cref="ActAsync"/>.
/// </summary>
public sealed class FailureHarness : IAsyncDisposable
{
    public const string SeededAgent = "client:seeded-agent";

    public static readonly (string, string?)[] ShortTimeouts =
    [
        ("Twilio:Rest:AttemptTimeout", "00:00:00.250"),
        ("Twilio:Rest:TotalTimeout", "00:00:05"),
        ("Twilio:Rest:RetryBaseDelay", "00:00:00.010"),
        ("Twilio:Rest:MaxRetryDelay", "00:00:00.020"),
    ];

    private FailureHarness(ControlHarness cc, FaultyTwilio? twilio)
    {
        Cc = cc;
        Twilio = (twilio ?? new FaultyTwilio()).Attach(cc.Factory.Outgoing);
    }

    public ControlHarness Cc { get; }

    public FaultyTwilio Twilio { get; }

    /// <param name="baseFactory">Another database (a shared PostgreSQL); <paramref name="twilio"/> one Twilio shared by several instances.</param>
    /// <param name="seed">False for a second instance on the same database: the room is already on record.</param>
    /// <param name="patient">Twilio's default timeouts instead of <see cref="ShortTimeouts"/>: for tests that hold a request
    /// open on purpose, whose outcome must not depend on how fast a loaded machine answers the rest.</param>
    public static async Task<FailureHarness> StartAsync(
        int n, bool withAgent = true, Infrastructure.ContactCenterFactory? baseFactory = null, FaultyTwilio? twilio = null, bool seed = true,
        bool patient = false)
    {
        var harness = new FailureHarness(new ControlHarness(n, fakeTwilio: false, baseFactory, patient ? [] : ShortTimeouts), twilio);
        if (!seed)
        {
            return harness;
        }

        harness.Twilio.Seed(harness.Cc.Customer, "customer", "+14155559999");
        if (withAgent)
        {
            harness.Twilio.Seed(harness.Cc.Agent, "agent", SeededAgent, endConferenceOnExit: true);
        }

        await harness.Cc.SeedAsync(withAgent);
        return harness;
    }

    public string? Target => Twilio.CallSidOf("transfer-target");

    /// <summary>What must be in place before <paramref name="action"/> runs (nothing is faulted yet).</summary>
    public async Task PrepareAsync(string action)
    {
        switch (action)
        {
            case "supervisor-mode":
                Twilio.Seed(Cc.Scenario.SupervisorCall, "supervisor-sam", ControlHarness.Sam);
                await Cc.JoinAsync(Cc.Scenario.SupervisorCall, "supervisor-sam");
                break;
            case "complete" or "cancel":
                await Cc.JsonAsync(await Cc.PostAsync("/transfers", new { type = "warm", to = new { agent = "bob" } }), HttpStatusCode.Accepted);
                if (action == "complete")
                {
                    await Cc.CallStatusAsync(Target!, "in-progress");
                    await Cc.JoinAsync(Target!, "transfer-target");
                }

                break;
        }
    }

    public async Task<HttpResponseMessage> ActAsync(string action)
    {
        var transfer = action is "complete" or "cancel" ? await ActiveTransferAsync() : null;
        return action switch
        {
            "connect" => await Cc.PostAsync("/agents", new { agent = "alice" }),
            "hold" or "unhold" or "mute" or "unmute" => await Cc.PostAsync($"/participants/{Cc.Customer}/{action}"),
            "remove" => await Cc.Admin.DeleteAsync($"/admin/conferences/{Cc.Room}/participants/{Cc.Agent}"),
            "end" => await Cc.Admin.DeleteAsync($"/admin/conferences/{Cc.Room}"),
            "supervisor" => await Cc.PostAsync("/supervisors", new { supervisor = "sam", mode = "monitor" }),
            "supervisor-mode" => await Cc.Admin.PutAsJsonAsync($"/admin/conferences/{Cc.Room}/supervisors/{Cc.Scenario.SupervisorCall}", new { mode = "barge" }),
            "warm" => await Cc.PostAsync("/transfers", new { type = "warm", to = new { agent = "bob" } }),
            "cold" => await Cc.PostAsync("/transfers", new { type = "cold", to = new { agent = "bob" } }),
            _ => await Cc.PostAsync($"/transfers/{transfer}/{action}"),
        };
    }

    public static string AuditAction(string action) => action switch
    {
        "connect" => "agent.connect",
        "remove" => "participant.remove",
        "end" => "conference.end",
        "supervisor" => "supervisor.add.monitor",
        "supervisor-mode" => "supervisor.mode.barge",
        "warm" or "cold" => "transfer.start." + action,
        "complete" or "cancel" => "transfer." + action,
        _ => "participant." + action,
    };

    /// <summary>
    /// Twilio works again; recovery runs now (as the reaction worker would once the lease expired), and the first agent's
    /// leave callback arrives if Twilio removed them (the fake sends no callbacks of its own).
    /// </summary>
    public async Task HealAsync()
    {
        Twilio.FaultOn = null;
        await Cc.Factory.Services.GetRequiredService<TransferRecovery>().RecoverAsync(DateTime.MaxValue, CancellationToken.None);
        if (Twilio.CallSidOf("agent") is null && Cc.Factory.Services.GetRequiredService<ContactCenter.Api.Conferences.IConferenceStore>() is { } store
            && (await store.GetRoomAsync(Cc.Room, CancellationToken.None))?.Participants.Any(p => p.CallSid == Cc.Agent && p.InRoom) == true)
        {
            await Cc.LeaveAsync(Cc.Agent, "agent");
        }
    }

    public void OpenCircuit(TimeSpan remaining) => Cc.Factory.Services.GetRequiredService<TwilioCircuit>().Opened(remaining);

    public async Task<string?> ActiveTransferAsync()
    {
        var sid = Cc.Conference;
        return (await Cc.Factory.Services.GetRequiredService<TransferStore>().ActiveForRoomAsync(sid, CancellationToken.None))?.Id;
    }

    public ValueTask DisposeAsync() => Cc.DisposeAsync();
}
