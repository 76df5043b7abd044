using System.Net;
using ContactCenter.Tests.Control;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Reactions;

/// <summary>
/// A callback is committed and answered before its reaction talks to Twilio; the reaction then runs in the background
/// with the host's lifetime, once, whatever happens to the webhook request. Run on every engine (subclasses at the end).
/// </summary>
public abstract class CallbackReactionBehaviour(StorageEngine engine)
{
    private const string Unhold = "Hold=false";
    private const string AgentEnds = "EndConferenceOnExit=true";

    private async Task<(ControlHarness Cc, string Target)> WarmTransferOverHttpAsync(int n)
    {
        var cc = await new ControlHarness(n, fakeTwilio: false, baseFactory: new ContactCenterFactory { Engine = engine }).SeedAsync();
        var target = cc.Leg(16);
        cc.Factory.Outgoing.AnswerLikeTwilio(3, target);
        await cc.JsonAsync(await cc.PostAsync("/transfers", new { type = "warm", to = new { agent = "bob" } }), HttpStatusCode.Accepted);
        Assert.Equal(3, cc.Factory.Outgoing.Requests.Count);
        return (cc, target);
    }

    /// <summary>The next Twilio request waits for <paramref name="release"/> (or the service's own cancellation).</summary>
    private static void BlockNext(StubHttpHandler stub, TaskCompletionSource release) =>
        stub.RespondAsync(async (request, _, cancellationToken) =>
        {
            await release.Task.WaitAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$"""{"call_sid":"{{request.RequestUri!.Segments[^1][..34]}}","conference_sid":"{{request.RequestUri!.Segments[^3][..34]}}","label":null,"status":"connected","muted":false,"hold":false,"coaching":false,"call_sid_to_coach":null,"start_conference_on_enter":true,"end_conference_on_exit":false}""",
                    System.Text.Encoding.UTF8, "application/json"),
            };
        });

    private static Func<bool> Saw(StubHttpHandler stub, string body) => () => stub.Requests.Any(r => r.Body == body);

    [Fact]
    public async Task A_callback_is_answered_200_while_its_reactions_Twilio_request_is_still_blocked_and_the_reaction_completes_after()
    {
        var (cc, target) = await WarmTransferOverHttpAsync(401);
        await using var _ = cc;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        BlockNext(cc.Factory.Outgoing, release);
        cc.Factory.Outgoing.AnswerLikeTwilio(1);

        var answer = await cc.SendCallbackAsync("/call-status", TwilioForms.CallStatus(target, "no-answer", 1, TwilioForms.Start)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        await ReactionQueue.UntilAsync(Saw(cc.Factory.Outgoing, Unhold), "the reaction's unhold request");
        Assert.False(Saw(cc.Factory.Outgoing, AgentEnds)());
        Assert.Equal(1, cc.Factory.Database.Pending());

        release.SetResult();
        await cc.Factory.Database.WaitIdleAsync();
        Assert.Equal([Unhold, AgentEnds], cc.Factory.Outgoing.Requests.Skip(3).Select(r => r.Body));
        Assert.Equal("failed", (await cc.TransferAsync(await TransferIdAsync(cc))).GetProperty("state").GetString());
        Assert.Empty(cc.Factory.Outgoing.Unexpected);
    }

    [Fact]
    public async Task An_aborted_webhook_request_does_not_cancel_its_reaction()
    {
        var (cc, target) = await WarmTransferOverHttpAsync(402);
        await using var _ = cc;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        BlockNext(cc.Factory.Outgoing, release);
        cc.Factory.Outgoing.AnswerLikeTwilio(1);

        using var abort = new CancellationTokenSource();
        var webhook = cc.SendCallbackAsync("/call-status", TwilioForms.CallStatus(target, "busy", 1, TwilioForms.Start), abort.Token);
        await ReactionQueue.UntilAsync(Saw(cc.Factory.Outgoing, Unhold), "the reaction's unhold request");
        await abort.CancelAsync(); // Twilio gives up on the webhook (or the connection drops) mid-reaction
        await Task.WhenAny(webhook);
        release.SetResult();

        await ReactionQueue.UntilAsync(Saw(cc.Factory.Outgoing, AgentEnds), "the reaction's last request");
        await cc.Factory.Database.WaitIdleAsync();
        Assert.Equal(1, cc.Factory.Database.Scalar("SELECT COUNT(*) FROM transfers WHERE state = 'failed' AND settled = " + True));
        Assert.Equal(1, cc.Factory.Database.Scalar("SELECT COUNT(*) FROM reactions WHERE state = 'done'"));
    }

    [Fact]
    public async Task Duplicate_callbacks_queue_one_reaction_and_Twilio_hears_its_requests_once()
    {
        await using var cc = await new ControlHarness(403, baseFactory: new ContactCenterFactory { Engine = engine }).SeedAsync();
        var target = cc.Leg(16);
        await cc.StartTransferAsync("warm", new { agent = "bob" }, target);
        cc.Twilio.Taken();

        var noAnswer = TwilioForms.CallStatus(target, "no-answer", 2, TwilioForms.Start);
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => cc.SendCallbackAsync("/call-status", noAnswer)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        await cc.Factory.Database.WaitIdleAsync();

        Assert.Equal(["update customer Hold=False", "update agent EndConferenceOnExit=True"], cc.Twilio.Taken());
        Assert.Equal(1, cc.Factory.Database.Scalar($"SELECT COUNT(*) FROM reactions WHERE source_sid = '{target}'"));
        // The row was queued in the room's lane: the transfer had dialed the leg into it.
        Assert.Equal(1, cc.Factory.Database.Scalar($"SELECT COUNT(*) FROM reactions WHERE source_sid = '{target}' AND lane = '{cc.Conference}'"));
    }

    [Fact]
    public async Task A_transfer_a_crash_left_half_started_is_rolled_back_and_the_room_accepts_a_new_transfer()
    {
        await using var cc = await new ControlHarness(404, baseFactory: new ContactCenterFactory { Engine = engine }).SeedAsync();
        var longAgo = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        // What a process killed between "caller on hold" and the dial's answer leaves behind: dialing, unsettled, no target CallSid.
        cc.Factory.Database.Scalar($"""
            INSERT INTO transfers (id, conference_sid, type, state, target_kind, target_id, first_agent_call_sid, customer_call_sid, actor,
                created_at, updated_at, version, settled, target_label)
            VALUES ('TR0123', '{cc.Conference}', 'warm', 'dialing', 'agent', 'bob', '{cc.Agent}', '{cc.Customer}', 'ops',
                '{longAgo}', '{longAgo}', 3, {False}, 'transfer-target') RETURNING 1
            """);

        await ReactionQueue.UntilAsync(() => cc.Factory.Database.Scalar("SELECT COUNT(*) FROM transfers WHERE settled = " + True) == 1, "the recovery");

        Assert.Equal(["remove transfer-target", "update customer Hold=False", "update agent EndConferenceOnExit=True"], cc.Twilio.Taken());
        var transfer = await cc.TransferAsync("TR0123");
        Assert.Equal(("failed", "interrupted"), (transfer.GetProperty("state").GetString(), transfer.GetProperty("reason").GetString()));
        await cc.StartTransferAsync("cold", new { agent = "bob" }, cc.Leg(17));
    }

    private string True => engine == StorageEngine.Sqlite ? "1" : "true";

    private string False => engine == StorageEngine.Sqlite ? "0" : "false";

    private static async Task<string> TransferIdAsync(ControlHarness cc) =>
        (await cc.JsonAsync(await cc.Admin.GetAsync($"/admin/audit?room={cc.Room}&limit=500"), HttpStatusCode.OK))
            .EnumerateArray().Select(a => a.GetProperty("detail").GetString() ?? "").First(d => d.StartsWith("transfer TR", StringComparison.Ordinal))
            .Split(' ')[1];
}

public sealed class SqliteCallbackReactionTests() : CallbackReactionBehaviour(StorageEngine.Sqlite);

[Trait("Category", "Integration")]
public sealed class PostgresCallbackReactionTests() : CallbackReactionBehaviour(StorageEngine.Postgres);
