using System.Globalization;
using System.Text;
using System.Xml.Linq;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Routing;
using ContactCenter.Api.Voice;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Twilio.TwiML;
using Conference = Twilio.TwiML.Voice.Conference;
using Dial = Twilio.TwiML.Voice.Dial;
using TwilioHttpMethod = Twilio.Http.HttpMethod;

namespace ContactCenter.Tests.Voice;

/// <summary>
/// The TwiML the service writes (the /voice answer is the only one: agents and transfers are dialed through the
/// Participants API) against what Twilio's own <see cref="VoiceResponse"/> builds for the same settings, compared
/// element by element and attribute by attribute, on seeded, generated settings.
/// </summary>
public sealed class TwimlDifferentialTests(ContactCenterFactory factory) : IClassFixture<ContactCenterFactory>
{
    private const int Cases = 600;

    [Fact]
    public void The_voice_twiml_equals_what_the_twilio_library_builds_for_generated_settings()
    {
        var random = new Random(20261125);
        var routes = new Random(12); // its own sequence: the other settings stay those of the unrouted cases
        var failures = new List<string>();
        var verbs = new Dictionary<string, int>();
        for (var i = 0; i < Cases; i++)
        {
            var callSid = "CA" + Convert.ToHexStringLower(RandomBytes(random, 16));
            var baseUrl = NextBaseUrl(random);
            var conference = new ConferenceOptions { WaitMusicUrl = NextHttpsUrl(random), Record = random.Next(2) == 0 };
            var voice = new VoiceOptions { Greeting = NextGreeting(random) };
            var route = NextRoute(routes);

            var ours = XDocument.Parse(Encoding.UTF8.GetString(ConferenceTwiml.ForCaller(callSid, baseUrl, conference, voice, route).Body));
            var library = XDocument.Parse(LibraryTwiml(callSid, baseUrl, conference, voice, route));
            var difference = TwimlComparison.FirstDifference(library.Root!, ours.Root!);
            if (difference is not null)
            {
                failures.Add($"#{i} greeting '{voice.Greeting}', base {baseUrl}, wait {conference.WaitMusicUrl}, record {conference.Record}, route {route}: {difference}");
            }

            var first = ours.Root!.Elements().First().Name.LocalName;
            verbs[first] = verbs.GetValueOrDefault(first) + 1;
            verbs[route is null ? "unrouted" : "routed"] = verbs.GetValueOrDefault(route is null ? "unrouted" : "routed") + 1;
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(10)));
        Assert.All(new[] { "Say", "Play", "Dial", "routed", "unrouted" }, verb => Assert.True(verbs.GetValueOrDefault(verb) >= 100, $"{verb}: {verbs.GetValueOrDefault(verb)}"));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("https://cc-user:pass@public.example:8443/contact", "Grüße & <bienvenue> \"à\" 'vous' 😀", "false")]
    [InlineData("https://public.example", "https://audio.example/greeting.mp3?voice=a&lang=fr%2DCA", "true")]
    public async Task The_voice_endpoint_answers_what_the_twilio_library_builds(string? publicBaseUrl, string? greeting, string? record)
    {
        await using var configured = factory.With(("Twilio:PublicBaseUrl", publicBaseUrl), ("Voice:Greeting", greeting), ("Conference:Record", record));
        var response = await configured.CreateClient().SendAsync(TwilioSigner.SignedPost("http://localhost/voice", TwilioForms.IncomingCall(),
            signedUrl: publicBaseUrl is null ? null : publicBaseUrl + "/voice"));

        var ours = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var conference = new ConferenceOptions { Record = record != "false" };
        var voice = new VoiceOptions { Greeting = greeting ?? "Thank you for calling. Please hold while we connect you to an agent." };
        var library = XDocument.Parse(LibraryTwiml(TwilioForms.CallSid, publicBaseUrl ?? "http://localhost", conference, voice));
        Assert.Null(TwimlComparison.FirstDifference(library.Root!, ours.Root!));
    }

    /// <summary>The product's rule, built with the library: an http(s) URL greeting is played, other text said, blank nothing.</summary>
    /// <remarks>Routed (a queue): the queue and priority ride on the statusCallback query, and the caller leaving ends the room.</remarks>
    private static string LibraryTwiml(string callSid, string baseUrl, ConferenceOptions conference, VoiceOptions voice, ConferenceTwiml.QueueRoute? route = null)
    {
        var response = new VoiceResponse();
        var greeting = voice.Greeting?.Trim();
        if (!string.IsNullOrEmpty(greeting))
        {
            if (Uri.TryCreate(greeting, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")
            {
                response.Play(url);
            }
            else
            {
                response.Say(greeting);
            }
        }

        var dial = new Dial();
        dial.Conference(
            "room-" + callSid,
            startConferenceOnEnter: true,
            endConferenceOnExit: route is not null,
            waitUrl: new Uri(route is null ? conference.WaitMusicUrl : $"{baseUrl}/queue-wait?queue={route.QueueId}"),
            waitMethod: TwilioHttpMethod.Get,
            record: conference.Record ? Conference.RecordEnum.RecordFromStart : Conference.RecordEnum.DoNotRecord,
            statusCallbackEvent:
            [
                Conference.EventEnum.Start, Conference.EventEnum.End, Conference.EventEnum.Join, Conference.EventEnum.Leave,
                Conference.EventEnum.Mute, Conference.EventEnum.Hold, Conference.EventEnum.Modify,
            ],
            statusCallback: new Uri(baseUrl + "/conference-events"
                + (route is null ? "" : $"?queue={route.QueueId}&priority={route.Priority.ToString(CultureInfo.InvariantCulture)}")),
            statusCallbackMethod: TwilioHttpMethod.Post,
            recordingStatusCallback: conference.Record ? new Uri(baseUrl + "/recording-status") : null,
            recordingStatusCallbackMethod: conference.Record ? TwilioHttpMethod.Post : null,
            recordingStatusCallbackEvent: conference.Record
                ? [Conference.RecordingEventEnum.InProgress, Conference.RecordingEventEnum.Completed, Conference.RecordingEventEnum.Absent]
                : null,
            participantLabel: "customer");
        response.Append(dial);
        return response.ToString();
    }

    private static readonly string[] Hosts = ["cc.example.com", "Voice.Example.COM", "127.0.0.1:5000", "[::1]:8443", "localhost"];
    private static readonly string[] TextFragments =
        ["Welcome", " ", "&", "<", ">", "\"", "'", "<Hangup/>", "]]>", "&amp;", "é", "ü", "名前", "😀", "\u00A0", "\t", "\n", "  ", "%20", "+", "https://x"];

    private static string NextBaseUrl(Random random) => random.Next(4) switch
    {
        0 => "http://localhost",
        1 => $"https://{Hosts[random.Next(Hosts.Length)]}",
        2 => $"https://user:p%40ss@{Hosts[random.Next(Hosts.Length)]}/prefix%20{random.Next(100)}",
        _ => $"http://{Hosts[random.Next(Hosts.Length)]}/a/b",
    };

    private static string NextHttpsUrl(Random random) =>
        $"https://{Hosts[random.Next(Hosts.Length)]}/music/{random.Next(1000)}.mp3"
        + (random.Next(2) == 0 ? "" : $"?Bucket=com.twilio.music.classical&n={random.Next(10)}&q=a%26b%3Dc+d");

    private static string? NextGreeting(Random random) => random.Next(6) switch
    {
        0 => random.Next(3) switch { 0 => null, 1 => "", _ => " \t " },
        1 or 2 => NextHttpsUrl(random).Replace("https://", random.Next(2) == 0 ? "https://" : "http://", StringComparison.Ordinal)
            + (random.Next(4) == 0 ? " " : ""),
        _ => string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => TextFragments[random.Next(TextFragments.Length)]))
            is var text && !string.IsNullOrWhiteSpace(text) ? text : "Hello " + random.Next(100).ToString(CultureInfo.InvariantCulture),
    };

    private static ConferenceTwiml.QueueRoute? NextRoute(Random random) => random.Next(3) switch
    {
        0 => null,
        1 => new ConferenceTwiml.QueueRoute("support", 0),
        _ => new ConferenceTwiml.QueueRoute($"q{random.Next(1000)}-x_{random.Next(10)}", random.Next(-5, 11)),
    };

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
