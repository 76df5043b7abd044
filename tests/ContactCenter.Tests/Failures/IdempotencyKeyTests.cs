using System.Net;
using System.Net.Http.Json;
using ContactCenter.Tests.Infrastructure;
using Serilog.Events;

namespace ContactCenter.Tests.Failures;

/// <summary>Idempotency-Key on admin actions: a client retry gets the first answer and never a second dial.</summary>
public sealed class IdempotencyKeyTests
{
    private const string Alice = "+14155550101";

    private static Task<HttpResponseMessage> ConnectAsync(FailureHarness h, string key, string agent = "alice")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/conferences/{h.Cc.Room}/agents") { Content = JsonContent.Create(new { agent }) };
        request.Headers.Add("Idempotency-Key", key);
        return h.Cc.Admin.SendAsync(request);
    }

    [Fact]
    public async Task A_retry_with_the_same_key_gets_the_first_answer_and_dials_nobody_again()
    {
        await using var h = await FailureHarness.StartAsync(11, withAgent: false);
        var first = await ConnectAsync(h, "connect-1");
        var firstBody = await h.Cc.JsonAsync(first, HttpStatusCode.OK);

        var retry = await ConnectAsync(h, "connect-1");

        Assert.Equal(firstBody.GetRawText(), (await h.Cc.JsonAsync(retry, HttpStatusCode.OK)).GetRawText());
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotency-Replayed")));
        Assert.Equal(1, h.Twilio.Placed(Alice));
        Assert.Equal(["dial"], h.Twilio.Steps);
        // A retry finding its key taken is expected: no Error line, no exception for alerts to fire on.
        Assert.DoesNotContain(h.Cc.Factory.Logs.Events, e => e.Level >= LogEventLevel.Error || e.Exception is not null);
    }

    [Fact]
    public async Task A_retry_after_an_unknown_outcome_gets_the_same_504_without_asking_Twilio_again()
    {
        await using var h = await FailureHarness.StartAsync(12, withAgent: false);
        h.Twilio.FaultOn = "dial";
        h.Twilio.Mode = Fault.Late;
        var first = await h.Cc.JsonAsync(await ConnectAsync(h, "connect-2"), HttpStatusCode.GatewayTimeout);
        h.Twilio.FaultOn = null;

        var retry = await h.Cc.JsonAsync(await ConnectAsync(h, "connect-2"), HttpStatusCode.GatewayTimeout);

        Assert.Equal(first.GetProperty("detail").GetString(), retry.GetProperty("detail").GetString());
        Assert.Equal(["dial"], h.Twilio.Steps);
        Assert.Equal(1, h.Twilio.Placed(Alice));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_runs_nothing()
    {
        await using var h = await FailureHarness.StartAsync(13, withAgent: false);
        await h.Cc.JsonAsync(await ConnectAsync(h, "connect-3"), HttpStatusCode.OK);

        var other = await h.Cc.JsonAsync(await ConnectAsync(h, "connect-3", agent: "bob"), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("Idempotency-Key reused", other.GetProperty("title").GetString());
        Assert.Equal(0, h.Twilio.Placed(ControlHarnessBob));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("has space")]
    [InlineData("ключ")]
    public async Task A_malformed_key_is_400_and_runs_nothing(string key)
    {
        await using var h = await FailureHarness.StartAsync(14, withAgent: false);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/conferences/{h.Cc.Room}/agents") { Content = JsonContent.Create(new { agent = "alice" }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        await h.Cc.JsonAsync(await h.Cc.Admin.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.Empty(h.Twilio.Steps);
    }

    [Fact]
    public async Task A_longer_key_than_128_characters_is_400()
    {
        await using var h = await FailureHarness.StartAsync(15, withAgent: false);
        await h.Cc.JsonAsync(await ConnectAsync(h, new string('k', 129)), HttpStatusCode.BadRequest);
        Assert.Empty(h.Twilio.Steps);
    }

    [Fact]
    public async Task A_retry_while_the_first_still_runs_is_409_then_gets_the_first_answer()
    {
        await using var h = await FailureHarness.StartAsync(16, withAgent: false, patient: true);
        await RetryWhileRunningAsync(h, h);
    }

    [Trait("Category", "Integration")]
    [Fact]
    public async Task Two_instances_on_one_PostgreSQL_run_a_key_once()
    {
        using var database = TestDatabase.CreatePostgres();
        var twilio = new FaultyTwilio();
        await using var first = await FailureHarness.StartAsync(17, withAgent: false, new ContactCenterFactory().On(database), twilio, patient: true);
        await using var second = await FailureHarness.StartAsync(17, withAgent: false, new ContactCenterFactory().On(database), twilio, seed: false, patient: true);
        await RetryWhileRunningAsync(first, second);
    }

    /// <summary>The first request (on <paramref name="one"/>) waits inside Twilio's dial; the retry goes to <paramref name="other"/>.</summary>
    private static async Task RetryWhileRunningAsync(FailureHarness one, FailureHarness other)
    {
        one.Twilio.PauseOn = "dial";
        var running = ConnectAsync(one, "connect-concurrent");
        await one.Twilio.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var during = await other.Cc.JsonAsync(await ConnectAsync(other, "connect-concurrent"), HttpStatusCode.Conflict);
        Assert.Equal("Request in progress", during.GetProperty("title").GetString());

        one.Twilio.Release.SetResult();
        var firstBody = await one.Cc.JsonAsync(await running, HttpStatusCode.OK);
        var after = await other.Cc.JsonAsync(await ConnectAsync(other, "connect-concurrent"), HttpStatusCode.OK);

        Assert.Equal(firstBody.GetRawText(), after.GetRawText());
        Assert.Equal(1, one.Twilio.Placed(Alice));
        Assert.Equal(["dial"], one.Twilio.Steps);
    }

    private const string ControlHarnessBob = Control.ControlHarness.Bob;
}
