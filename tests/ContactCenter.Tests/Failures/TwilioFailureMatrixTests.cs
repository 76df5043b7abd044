using System.Net;
using System.Text.Json;
using ContactCenter.Tests.Control;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Failures;

/// <summary>
/// Every admin action and every step of a transfer, with Twilio hanging, answering late, answering malformed 2xx, failing
/// with 5xx, rate-limiting with 429 and behind an open circuit: never a 500, a clear problem with the operation and the
/// outcome, the attempt audited, the caller not left on hold, the room not locked, and nobody dialed twice.
/// </summary>
public sealed class TwilioFailureMatrixTests
{
    private static readonly (string Action, string[] Steps)[] Actions =
    [
        ("connect", ["dial"]),
        ("hold", ["hold"]), ("unhold", ["unhold"]), ("mute", ["mute"]), ("unmute", ["unmute"]),
        ("remove", ["eoe-false", "remove"]),
        ("end", ["end"]),
        ("supervisor", ["dial"]),
        ("supervisor-mode", ["update"]),
        ("warm", ["eoe-false", "hold", "dial"]),
        ("cold", ["eoe-false", "hold", "remove", "dial"]),
        ("complete", ["unhold", "remove", "eoe-true"]),
        ("cancel", ["hangup", "unhold", "eoe-true"]),
    ];

    public static TheoryData<string, string, Fault> Cases()
    {
        var cases = new TheoryData<string, string, Fault>();
        foreach (var (action, steps) in Actions)
        {
            foreach (var step in steps)
            {
                foreach (var fault in Enum.GetValues<Fault>())
                {
                    // A DELETE answers 204 without a body: there is nothing to be malformed.
                    if (!(fault == Fault.Malformed && step == "remove"))
                    {
                        cases.Add(action, step, fault);
                    }
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_failing_Twilio_gives_a_clear_answer_and_leaves_no_call_stuck_and_nobody_dialed_twice(string action, string step, Fault fault)
    {
        await using var h = await FailureHarness.StartAsync(Math.Abs(HashCode.Combine(action, step, fault)) % 100000 + 1000, withAgent: action != "connect");
        await h.PrepareAsync(action);
        h.Twilio.FaultOn = step;
        h.Twilio.Mode = fault;
        if (fault == Fault.OpenCircuit)
        {
            h.OpenCircuit(TimeSpan.FromSeconds(7));
        }

        var response = await h.ActAsync(action);

        var expected = fault switch
        {
            Fault.Hang or Fault.Late => HttpStatusCode.GatewayTimeout,
            Fault.RateLimited or Fault.OpenCircuit => HttpStatusCode.ServiceUnavailable,
            _ => HttpStatusCode.BadGateway,
        };
        var problem = await h.Cc.JsonAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var outcome = problem.GetProperty("outcome").GetString();
        Assert.Equal(fault switch
        {
            Fault.RateLimited or Fault.OpenCircuit => "unavailable",
            Fault.ServerErrors when step != "dial" => "failed",
            _ => "unknown",
        }, outcome);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("operation").GetString()));
        if (expected == HttpStatusCode.ServiceUnavailable)
        {
            var wait = Assert.Single(response.Headers.GetValues("Retry-After"));
            Assert.Equal(int.Parse(wait, System.Globalization.CultureInfo.InvariantCulture), problem.GetProperty("retryAfterSeconds").GetInt32());
            // Twilio's own Retry-After for a rate limit; the rest of the breaker's break for an open circuit.
            Assert.InRange(problem.GetProperty("retryAfterSeconds").GetInt32(), fault == Fault.RateLimited ? 3 : 5, fault == Fault.RateLimited ? 3 : 7);
        }

        if (step == "dial" && outcome == "unknown")
        {
            Assert.Contains("may have been placed", problem.GetProperty("detail").GetString());
        }

        if (action is "warm" or "cold" or "complete" or "cancel")
        {
            Assert.StartsWith("TR", problem.GetProperty("transferId").GetString());
        }

        var audit = await h.Cc.JsonAsync(await h.Cc.Admin.GetAsync($"/admin/audit?room={h.Cc.Room}"), HttpStatusCode.OK);
        Assert.Contains(audit.EnumerateArray(), a =>
            a.GetProperty("action").GetString() == FailureHarness.AuditAction(action) && a.GetProperty("outcome").GetString() == outcome);

        await h.HealAsync();
        if (action != "hold")
        {
            Assert.False(h.Twilio[h.Cc.Customer].Hold, "the caller is left on hold");
        }

        if (action is "warm" && !h.Twilio[h.Cc.Agent].Gone)
        {
            Assert.True(h.Twilio[h.Cc.Agent].EndConferenceOnExit, "the first agent no longer ends the call on exit");
        }

        await AssertNotLockedAsync(h, action);
        Assert.All(h.Twilio.PlacedByEndpoint, placed => Assert.True(placed.Value <= 1, $"{placed.Key} was dialed {placed.Value} times"));
    }

    /// <summary>The same dial asked again (after reconciling an unknown outcome) or a new transfer: possible, and dials nobody twice.</summary>
    private static async Task AssertNotLockedAsync(FailureHarness h, string action)
    {
        switch (action)
        {
            case "connect" or "supervisor":
                var again = await h.ActAsync(action);
                var placedBefore = action == "connect" ? "+14155550101" : ControlHarness.Sam;
                Assert.True(again.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{action} again answered {(int)again.StatusCode}");
                Assert.Equal(1, h.Twilio.Placed(placedBefore)); // placed once: by the first request, or by this one when the first never was
                break;
            case "warm" or "cold" or "complete" or "cancel":
                if (action is "warm" or "cold")
                {
                    Assert.Null(await h.ActiveTransferAsync()); // the failed start holds no lock on the room
                }

                if (await h.ActiveTransferAsync() is { } id)
                {
                    await h.Cc.JsonAsync(await h.Cc.PostAsync($"/transfers/{id}/cancel"), HttpStatusCode.OK);
                }

                var next = await h.Cc.PostAsync("/transfers", new { type = "cold", to = new { agent = "alice" } });
                await h.Cc.JsonAsync(next, HttpStatusCode.Accepted);
                break;
        }
    }

    [Fact]
    public async Task Connecting_an_agent_whose_first_dial_answered_late_does_not_dial_them_again()
    {
        await using var h = await FailureHarness.StartAsync(1, withAgent: false);
        h.Twilio.FaultOn = "dial";
        h.Twilio.Mode = Fault.Late;
        var first = await h.Cc.JsonAsync(await h.ActAsync("connect"), HttpStatusCode.GatewayTimeout);
        Assert.Equal("Dial", first.GetProperty("operation").GetString());

        h.Twilio.FaultOn = null;
        var retry = await h.Cc.JsonAsync(await h.ActAsync("connect"), HttpStatusCode.Conflict);

        Assert.Contains(h.Twilio.CallSidOf("agent")!, retry.GetProperty("detail").GetString());
        Assert.Equal(1, h.Twilio.Placed("+14155550101"));
        Assert.Equal(["dial", "list"], h.Twilio.Steps);
    }

    [Fact]
    public async Task An_unknown_dial_shows_in_the_room_until_Twilio_no_longer_lists_its_label()
    {
        await using var h = await FailureHarness.StartAsync(4, withAgent: false);
        h.Twilio.FaultOn = "dial";
        h.Twilio.Mode = Fault.Malformed;
        await h.Cc.JsonAsync(await h.ActAsync("connect"), HttpStatusCode.BadGateway);
        h.Twilio.FaultOn = null;

        var pending = Assert.Single((await h.Cc.Admin.GetRoomAsync(h.Cc.Room)).PendingDials);
        Assert.Equal(("agent", "alice", "unknown"), (pending.Label, pending.Target, pending.Outcome));
        await h.Cc.JsonAsync(await h.ActAsync("connect"), HttpStatusCode.Conflict); // still ringing at Twilio
        Assert.Single((await h.Cc.Admin.GetRoomAsync(h.Cc.Room)).PendingDials);

        h.Twilio[h.Twilio.CallSidOf("agent")!].Gone = true; // alice never answered
        var reconciler = h.Cc.Factory.Services.GetRequiredService<ContactCenter.Api.Reconciliation.RoomReconciler>();
        await reconciler.ReconcileAsync(h.Cc.Room, CancellationToken.None);

        Assert.Empty((await h.Cc.Admin.GetRoomAsync(h.Cc.Room)).PendingDials);
    }

    [Theory]
    [InlineData(Fault.Hang)]
    [InlineData(Fault.OpenCircuit)]
    [InlineData(Fault.ServerErrors)]
    public async Task A_no_answer_reaction_whose_unhold_fails_is_finished_by_recovery_once_Twilio_is_back(Fault fault)
    {
        await using var h = await FailureHarness.StartAsync(5);
        var started = await h.Cc.JsonAsync(await h.ActAsync("warm"), HttpStatusCode.Accepted);
        h.Twilio.FaultOn = "unhold";
        h.Twilio.Mode = fault;

        await h.Cc.CallStatusAsync(h.Target!, "no-answer");

        Assert.True(h.Twilio[h.Cc.Customer].Hold); // Twilio could not take the caller off hold yet
        Assert.Equal("failed", (await h.Cc.TransferAsync(started.GetProperty("id").GetString()!)).GetProperty("state").GetString());
        await h.HealAsync();
        Assert.False(h.Twilio[h.Cc.Customer].Hold);
        Assert.True(h.Twilio[h.Cc.Agent].EndConferenceOnExit);
    }

    [Fact]
    public async Task A_transfer_in_progress_409_names_the_blocking_transfer()
    {
        await using var h = await FailureHarness.StartAsync(2);
        var started = await h.Cc.JsonAsync(await h.ActAsync("warm"), HttpStatusCode.Accepted);

        var blocked = await h.Cc.JsonAsync(await h.ActAsync("cold"), HttpStatusCode.Conflict);

        Assert.Equal(started.GetProperty("id").GetString(), blocked.GetProperty("transferId").GetString());
        Assert.Contains(started.GetProperty("id").GetString()!, blocked.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_proxy_page_is_never_echoed_in_a_502_only_its_status()
    {
        await using var h = await FailureHarness.StartAsync(3);
        h.Twilio.FaultOn = "mute";
        h.Twilio.Mode = Fault.ServerErrors;
        h.Twilio.ProxyPage = "<html><body>upstream error for +14155550101</body></html>";

        var response = await h.ActAsync("mute");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain("<html", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("upstream error", text);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(502, problem.GetProperty("twilioStatus").GetInt32());
        Assert.Contains("HTTP 502", problem.GetProperty("detail").GetString());
    }
}
