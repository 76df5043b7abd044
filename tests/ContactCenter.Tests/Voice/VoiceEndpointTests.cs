using System.Net;
using System.Xml.Linq;
using ContactCenter.Api.Voice;
using ContactCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace ContactCenter.Tests.Voice;

public sealed class VoiceEndpointTests(ContactCenterFactory factory) : IClassFixture<ContactCenterFactory>
{
    private const string Url = "http://localhost/voice";

    [Fact]
    public async Task An_incoming_call_is_greeted_and_placed_in_its_own_recorded_room()
    {
        var response = await factory.CreateClient().SendAsync(TwilioSigner.SignedPost(Url, TwilioForms.IncomingCall()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var twiml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var verbs = twiml.Root!.Elements().ToList();
        Assert.Equal("Response", twiml.Root.Name.LocalName);
        Assert.Equal(["Say", "Dial"], verbs.Select(v => v.Name.LocalName));
        Assert.Equal("Thank you for calling. Please hold while we connect you to an agent.", verbs[0].Value);

        var conference = Assert.Single(verbs[1].Elements());
        Assert.Equal("Conference", conference.Name.LocalName);
        Assert.Equal("room-" + TwilioForms.CallSid, conference.Value);
        var attributes = conference.Attributes().ToDictionary(a => a.Name.LocalName, a => a.Value);
        Assert.Equal(new Dictionary<string, string>
        {
            ["startConferenceOnEnter"] = "true",
            ["endConferenceOnExit"] = "false",
            ["waitUrl"] = "https://twimlets.com/holdmusic?Bucket=com.twilio.music.classical",
            ["waitMethod"] = "GET",
            ["statusCallback"] = "http://localhost/conference-events",
            ["statusCallbackMethod"] = "POST",
            ["statusCallbackEvent"] = "start end join leave mute hold modify",
            ["record"] = "record-from-start",
            ["recordingStatusCallback"] = "http://localhost/recording-status",
            ["recordingStatusCallbackMethod"] = "POST",
            ["recordingStatusCallbackEvent"] = "in-progress completed absent",
            ["participantLabel"] = "customer",
        }, attributes);
    }

    [Fact]
    public async Task Configuration_shapes_the_twiml_and_greeting_text_is_escaped_not_injected()
    {
        await using var configured = factory.With(
            ("Voice:Greeting", "Welcome <Hangup/> & thanks"),
            ("Conference:Record", "false"),
            ("Conference:WaitMusicUrl", "https://music.example/wait.mp3?a=1&b=2"));

        var response = await configured.CreateClient().SendAsync(TwilioSigner.SignedPost(Url, TwilioForms.IncomingCall()));

        var twiml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var say = twiml.Root!.Element("Say")!;
        Assert.Equal("Welcome <Hangup/> & thanks", say.Value);
        Assert.Empty(twiml.Descendants("Hangup"));
        var conference = twiml.Descendants("Conference").Single();
        Assert.Equal("do-not-record", conference.Attribute("record")!.Value);
        Assert.Null(conference.Attribute("recordingStatusCallback"));
        Assert.Equal("https://music.example/wait.mp3?a=1&b=2", conference.Attribute("waitUrl")!.Value);
    }

    [Theory]
    [InlineData("https://audio.example/greeting.mp3", "Play")]
    [InlineData("", null)]
    public async Task A_greeting_url_is_played_and_no_greeting_means_straight_to_the_room(string greeting, string? verb)
    {
        await using var configured = factory.With(("Voice:Greeting", greeting));
        var response = await configured.CreateClient().SendAsync(TwilioSigner.SignedPost(Url, TwilioForms.IncomingCall()));

        var first = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements().First();
        Assert.Equal(verb ?? "Dial", first.Name.LocalName);
        if (verb is not null)
        {
            Assert.Equal(greeting, first.Value);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("CA123")]
    [InlineData("CAzz23456789abcdef0123456789abcdef")]
    [InlineData("PN0123456789abcdef0123456789abcdef")]
    [InlineData("CA0123456789abcdef0123456789abcdef0")]
    public async Task A_malformed_call_sid_gets_400_and_no_twiml(string callSid)
    {
        var response = await factory.CreateClient().SendAsync(TwilioSigner.SignedPost(Url, TwilioForms.IncomingCall(callSid)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<Response", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_routed_rooms_callbacks_carry_the_callers_number_sealed_and_an_unrouted_rooms_carry_none()
    {
        const string publicBase = "https://cc.example.com";
        await using var routed = factory.With(("Twilio:PublicBaseUrl", publicBase),
            ("Queues:0:Id", "support"), ("Queues:0:Numbers:0", "+18005550100"), ("Queues:0:Agents:0", "alice"), ("Agents:0:Id", "alice"), ("Agents:0:Endpoint", "client:alice"));
        var client = routed.CreateClient();
        var unroutedCall = TwilioForms.IncomingCall("CA" + new string('7', 32));
        unroutedCall["To"] = "+18005550142";

        var twiml = await (await client.SendAsync(TwilioSigner.SignedPost(Url, TwilioForms.IncomingCall(), signedUrl: publicBase + "/voice"))).Content.ReadAsStringAsync();
        var unrouted = await (await client.SendAsync(TwilioSigner.SignedPost(Url, unroutedCall, signedUrl: publicBase + "/voice"))).Content.ReadAsStringAsync();

        var callback = new Uri(XDocument.Parse(twiml).Descendants("Conference").Single().Attribute("statusCallback")!.Value);
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal(["queue", "priority", CallerNumbers.Field], query.Keys);
        var token = query[CallerNumbers.Field].Single()!;
        Assert.Equal("+14155551234", routed.Services.GetRequiredService<CallerNumbers>().Unprotect(token, "CF-test"));
        Assert.All(Enumerable.Range(0, 5).Select(i => "14155551234".Substring(i, 7)), run => Assert.DoesNotContain(run, twiml, StringComparison.Ordinal));
        Assert.Equal(publicBase + "/conference-events", XDocument.Parse(unrouted).Descendants("Conference").Single().Attribute("statusCallback")!.Value);
    }

    [Fact]
    public async Task The_caller_number_is_masked_and_the_request_line_carries_the_call_sid()
    {
        await using var own = factory.With(("Serilog:MinimumLevel:Default", "Debug"));
        await own.CreateClient().SendAsync(TwilioSigner.SignedPost(Url, TwilioForms.IncomingCall()));

        var requestLine = await own.Logs.WaitForAsync(e => e.MessageTemplate.Text.StartsWith("HTTP {RequestMethod}", StringComparison.Ordinal));
        Assert.Equal(LogEventLevel.Information, requestLine.Level);
        Assert.Equal("\"" + TwilioForms.CallSid + "\"", requestLine.Properties["CallSid"].ToString());
        Assert.Equal("\"+*******1234\"", requestLine.Properties["From"].ToString());
        Assert.Contains(own.Logs.Rendered, line => line.Contains("Incoming call") && line.Contains("+*******1234"));
        Assert.DoesNotContain(own.Logs.Rendered, line => line.Contains("4155551234"));
    }
}
