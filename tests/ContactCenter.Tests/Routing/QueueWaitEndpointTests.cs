using System.Net;
using System.Xml.Linq;
using ContactCenter.Api.Routing;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace ContactCenter.Tests.Routing;

/// <summary>GET /queue-wait, the waitUrl Twilio fetches in a loop while a queued caller waits: signed, never an error.</summary>
public sealed class QueueWaitEndpointTests
{
    private const string Music = "https://music.example.com/wait.mp3";
    private const string Caller = "CA" + "11111111111111111111111111111111";
    private const string Stranger = "CA" + "22222222222222222222222222222222";

    private readonly FakeTimeProvider _clock = new(TwilioForms.Start);
    private readonly Mock<IQueuePositions> _positions = new();

    private ContactCenterFactory Service() => new ContactCenterFactory()
        .With(("Routing:Wait:MusicUrl", Music), ("Routing:Wait:AnnounceEverySeconds", "60"))
        .WithServices(services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton(_positions.Object);
        });

    private static string Url(string callSid) =>
        $"http://localhost/queue-wait?queue=sales&AccountSid={ContactCenterFactory.AccountSid}&CallSid={callSid}&ConferenceSid=CF{new string('a', 32)}";

    private static async Task<XElement> FetchAsync(HttpClient client, string callSid)
    {
        var response = await client.SendAsync(TwilioSigner.SignedGet(Url(callSid)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/xml", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        return XDocument.Parse(body).Root!;
    }

    private static string Verbs(XElement response) => string.Join(" | ", response.Elements().Select(e => $"{e.Name.LocalName}: {e.Value}"));

    [Fact]
    public async Task The_first_fetch_tells_the_caller_their_position_and_expected_wait_then_plays_the_music()
    {
        _positions.Setup(p => p.GetAsync(Caller, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new QueuePosition("sales", 2, 5, TimeSpan.FromSeconds(150)));
        await using var service = Service();

        var response = await FetchAsync(service.CreateClient(), Caller);

        Assert.Equal($"Say: You are number 2 in line. The expected wait is about 3 minutes. | Play: {Music}", Verbs(response));
    }

    [Fact]
    public async Task A_later_fetch_within_the_interval_plays_only_the_music_and_the_position_is_repeated_once_the_interval_passed()
    {
        _positions.Setup(p => p.GetAsync(Caller, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new QueuePosition("sales", 1, 1, TimeSpan.FromSeconds(20)));
        await using var service = Service();
        var client = service.CreateClient();

        var first = await FetchAsync(client, Caller);
        _clock.Advance(TimeSpan.FromSeconds(59));
        var second = await FetchAsync(client, Caller);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var third = await FetchAsync(client, Caller);

        Assert.Equal($"Say: You are number 1 in line. The expected wait is about 1 minute. | Play: {Music}", Verbs(first));
        Assert.Equal($"Play: {Music}", Verbs(second));
        Assert.Equal(Verbs(first), Verbs(third));
    }

    [Fact]
    public async Task A_position_without_an_expected_wait_is_announced_without_one()
    {
        _positions.Setup(p => p.GetAsync(Caller, It.IsAny<CancellationToken>())).ReturnsAsync(new QueuePosition("sales", 4, 4, null));
        await using var service = Service();

        Assert.Equal($"Say: You are number 4 in line. | Play: {Music}", Verbs(await FetchAsync(service.CreateClient(), Caller)));
    }

    [Fact]
    public async Task A_caller_no_queue_knows_hears_just_the_music()
    {
        await using var service = Service();

        Assert.Equal($"Play: {Music}", Verbs(await FetchAsync(service.CreateClient(), Stranger)));
    }

    [Fact]
    public async Task A_failing_position_lookup_or_a_missing_call_sid_still_answers_the_music()
    {
        _positions.Setup(p => p.GetAsync(Caller, It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("database down"));
        await using var service = Service();
        var client = service.CreateClient();

        Assert.Equal($"Play: {Music}", Verbs(await FetchAsync(client, Caller)));
        var bare = await client.SendAsync(TwilioSigner.SignedGet("http://localhost/queue-wait?queue=sales"));
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Equal($"Play: {Music}", Verbs(XDocument.Parse(await bare.Content.ReadAsStringAsync()).Root!));
    }

    [Fact]
    public async Task Without_its_own_music_the_wait_plays_the_conference_wait_music()
    {
        await using var service = new ContactCenterFactory().With(("Conference:WaitMusicUrl", "https://music.example.com/conference.mp3"));

        Assert.Equal("Play: https://music.example.com/conference.mp3", Verbs(await FetchAsync(service.CreateClient(), Caller)));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("other token")]
    [InlineData("query changed after signing")]
    public async Task A_fetch_without_a_valid_signature_over_the_full_url_is_refused_with_403(string how)
    {
        _positions.Setup(p => p.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(new QueuePosition("sales", 1, 1, null));
        await using var service = Service();
        var request = how switch
        {
            "missing" => new HttpRequestMessage(HttpMethod.Get, Url(Caller)),
            "other token" => TwilioSigner.SignedGet(Url(Caller), authToken: "someone-elses-token"),
            _ => TwilioSigner.SignedGet(Url(Caller), signedUrl: Url(Stranger)),
        };

        var response = await service.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        _positions.Verify(p => p.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_fetch_signed_over_the_configured_public_url_is_accepted()
    {
        await using var service = Service().With(("Twilio:PublicBaseUrl", "https://cc.example.com"));
        var local = Url(Stranger);
        var request = TwilioSigner.SignedGet(local, signedUrl: local.Replace("http://localhost", "https://cc.example.com", StringComparison.Ordinal));

        var response = await service.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
