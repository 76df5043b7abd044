using System.Net;
using ContactCenter.Api.Routing;
using ContactCenter.Tests.Control;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace ContactCenter.Tests.Routing;

/// <summary>
/// A caller waiting too long is redirected with exactly one call update, sent over HTTP to the factory's stub in the
/// shape Twilio's REST API takes; a refused overflow number or a failing Twilio is logged, never thrown.
/// </summary>
public sealed class MaxWaitRedirectTests
{
    private const string PublicBase = "https://cc.example.com";
    private const string Caller = "CA" + "55555555555555555555555555555555";
    private const string Conference = "CF" + "66666666666666666666666666666666";

    /// <param name="overflowNumber">The queue's OverflowNumber. Its MaxWaitAction stays voicemail, so start-up does not check
    /// it against the allow-list and the redirect's own check can be seen refusing it.</param>
    private static ContactCenterFactory Service(string? overflowNumber = "+14155550199", bool queue = true) => new ContactCenterFactory().With(
        [
            ("Twilio:PublicBaseUrl", PublicBase),
            ("Twilio:CallerId", "+18005550100"),
            ("Transfers:AllowedNumberPatterns:0", @"^\+1415555\d{4}$"),
            .. queue ? SalesQueue(overflowNumber) : [],
        ]);

    private static (string, string?)[] SalesQueue(string? overflowNumber) =>
    [
        ("Agents:0:Id", "alice"), ("Agents:0:Name", "Alice"), ("Agents:0:Endpoint", "client:alice"),
        ("Queues:0:Id", "sales"), ("Queues:0:Name", "Sales"), ("Queues:0:Numbers:0", "+18005550100"), ("Queues:0:Agents:0", "alice"),
        ("Queues:0:OverflowNumber", overflowNumber),
    ];

    private static QueueEntryView Entry(string queue = "sales") => new(Caller, Conference, queue, TwilioForms.Start);

    private static IMaxWaitAction Action(ContactCenterFactory service)
    {
        _ = service.CreateClient(); // starts the host
        return service.Services.GetRequiredService<IMaxWaitAction>();
    }

    [Fact]
    public async Task Voicemail_sends_exactly_one_call_update_redirecting_the_caller_to_the_voicemail_url()
    {
        await using var service = Service();
        service.Outgoing.AnswerLikeTwilio(1);

        await Action(service).RunAsync(Entry(), "voicemail", CancellationToken.None);

        var sent = Assert.Single(service.Outgoing.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal($"https://api.twilio.com/2010-04-01/Accounts/{ContactCenterFactory.AccountSid}/Calls/{Caller}.json", sent.Uri.ToString());
        Assert.Equal($"Url={Uri.EscapeDataString(PublicBase + "/voicemail?queue=sales")}", sent.Body);
        Assert.Empty(service.Outgoing.Unexpected);
    }

    [Fact]
    public async Task Overflow_redirects_the_caller_to_twiml_dialing_the_allow_listed_number()
    {
        await using var service = Service();
        service.Outgoing.AnswerLikeTwilio(1);

        await Action(service).RunAsync(Entry(), "overflow", CancellationToken.None);

        var sent = Assert.Single(service.Outgoing.Requests);
        Assert.EndsWith($"/Calls/{Caller}.json", sent.Uri.AbsolutePath, StringComparison.Ordinal);
        var twiml = Uri.UnescapeDataString(Assert.Single(sent.Body.Split('&'), p => p.StartsWith("Twiml=", StringComparison.Ordinal))["Twiml=".Length..].Replace('+', ' '));
        Assert.Contains("<Dial callerId=\"+18005550100\"><Number>+14155550199</Number></Dial>", twiml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+19005550123")]
    [InlineData("+442071838750")]
    [InlineData(null)]
    public async Task Overflow_to_a_number_outside_the_allow_list_is_refused_without_asking_twilio_and_logged_masked(string? number)
    {
        await using var service = Service(number);

        await Action(service).RunAsync(Entry(), "overflow", CancellationToken.None);

        Assert.Empty(service.Outgoing.Requests);
        var warning = Assert.Single(service.Logs.Events, e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.StartsWith("Did not run max-wait", StringComparison.Ordinal));
        Assert.DoesNotContain("9005550123", warning.RenderMessage());
    }

    [Theory]
    [InlineData("hang-up")]
    [InlineData("voicemail", "bad queue!")]
    public async Task An_unknown_action_or_a_malformed_queue_is_refused_without_asking_twilio(string action, string queue = "sales")
    {
        await using var service = Service();

        await Action(service).RunAsync(Entry(queue), action, CancellationToken.None);

        Assert.Empty(service.Outgoing.Requests);
    }

    [Fact]
    public async Task A_failing_twilio_is_logged_and_nothing_is_thrown()
    {
        await using var service = Service();
        service.Outgoing.AnswerError(HttpStatusCode.NotFound, 20404, "The requested resource was not found");

        await Action(service).RunAsync(Entry(), "voicemail", CancellationToken.None);

        Assert.Single(service.Outgoing.Requests);
        Assert.Contains(service.Logs.Events, e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.StartsWith("Max-wait {Action}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_public_base_url_the_caller_is_not_redirected()
    {
        await using var service = Service(queue: false).With(("Twilio:PublicBaseUrl", null));

        await Action(service).RunAsync(Entry(), "voicemail", CancellationToken.None);

        Assert.Empty(service.Outgoing.Requests);
    }
}
