using System.Xml.Linq;
using ContactCenter.Api.Routing;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Twilio.TwiML;
using Dial = Twilio.TwiML.Voice.Dial;
using Record = Twilio.TwiML.Voice.Record;
using TwilioHttpMethod = Twilio.Http.HttpMethod;

namespace ContactCenter.Tests.Voice;

/// <summary>
/// The TwiML of a queued caller's wait (/queue-wait), of the voicemail (/voicemail) and of the overflow dial against
/// what Twilio's own <see cref="VoiceResponse"/> builds for the same content.
/// </summary>
public sealed class QueueWaitTwimlDifferentialTests
{
    private const string Music = "https://music.example.com/wait.mp3?Bucket=a&n=1";
    private const string Caller = "CA" + "33333333333333333333333333333333";
    private const string Awkward = "Grüße & <bienvenue> \"à\" 'vous' 😀 ]]>";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_queue_wait_answer_equals_what_the_twilio_library_builds(bool known)
    {
        var positions = new Mock<IQueuePositions>();
        positions.Setup(p => p.GetAsync(Caller, It.IsAny<CancellationToken>())).ReturnsAsync(new QueuePosition("sales", 3, 7, TimeSpan.FromMinutes(4)));
        await using var service = new ContactCenterFactory().With(("Routing:Wait:MusicUrl", Music))
            .WithServices(services => services.AddSingleton(positions.Object));
        var callSid = known ? Caller : "CA" + new string('4', 32);

        var response = await service.CreateClient().SendAsync(TwilioSigner.SignedGet($"http://localhost/queue-wait?queue=sales&CallSid={callSid}"));

        var library = new VoiceResponse();
        if (known)
        {
            library.Say("You are number 3 in line. The expected wait is about 4 minutes.");
        }

        library.Play(new Uri(Music));
        AssertSame(library, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null, "sales")]
    [InlineData("https://cc-user:pass@public.example:8443/contact", "EU_billing-2")]
    public async Task The_voicemail_answer_equals_what_the_twilio_library_builds(string? publicBaseUrl, string queue)
    {
        await using var service = new ContactCenterFactory().With(("Twilio:PublicBaseUrl", publicBaseUrl),
            ("Routing:Wait:VoicemailPrompt", Awkward), ("Routing:Wait:VoicemailGoodbye", "Bye & thanks"), ("Routing:Wait:VoicemailMaxLengthSeconds", "90"));
        var local = $"http://localhost/voicemail?queue={queue}";
        var form = TwilioForms.IncomingCall();
        var signedUrl = publicBaseUrl is null ? null : $"{publicBaseUrl}/voicemail?queue={queue}";

        var response = await service.CreateClient().SendAsync(TwilioSigner.SignedPost(local, form, signedUrl: signedUrl));

        var baseUrl = publicBaseUrl ?? "http://localhost";
        var library = new VoiceResponse();
        library.Say(Awkward);
        library.Record(
            action: new Uri($"{baseUrl}/voicemail?queue={queue}&done=true"),
            method: TwilioHttpMethod.Post,
            maxLength: 90,
            playBeep: true,
            recordingStatusCallback: new Uri($"{baseUrl}/recording-status?voicemail={queue}"),
            recordingStatusCallbackMethod: TwilioHttpMethod.Post,
            recordingStatusCallbackEvent: [Record.RecordingEventEnum.Completed]);
        library.Say("Bye & thanks");
        library.Hangup();
        AssertSame(library, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Once_the_message_is_recorded_the_record_action_says_goodbye_and_hangs_up_instead_of_recording_again()
    {
        await using var service = new ContactCenterFactory().With(("Routing:Wait:VoicemailGoodbye", Awkward));
        var form = new Dictionary<string, string>(TwilioForms.IncomingCall())
        {
            ["RecordingUrl"] = "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1",
            ["RecordingDuration"] = "12",
            ["Digits"] = "hangup",
        };

        var response = await service.CreateClient().SendAsync(TwilioSigner.SignedPost("http://localhost/voicemail?queue=sales&done=true", form));

        var library = new VoiceResponse();
        library.Say(Awkward);
        library.Hangup();
        AssertSame(library, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_voicemail_request_for_a_malformed_queue_is_a_400_problem_not_twiml()
    {
        await using var service = new ContactCenterFactory();
        var response = await service.CreateClient().SendAsync(
            TwilioSigner.SignedPost("http://localhost/voicemail?queue=no%20such%3Cqueue%3E", TwilioForms.IncomingCall()));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("+14155550199", "+18005550100")]
    [InlineData("+442071838750", "+18005550100")]
    public void The_overflow_dial_equals_what_the_twilio_library_builds(string number, string callerId)
    {
        var library = new VoiceResponse();
        var dial = new Dial(callerId: callerId);
        dial.Number(number);
        library.Append(dial);

        AssertSame(library, QueueWaitTwiml.Overflow(number, callerId).ToString());
    }

    private static void AssertSame(VoiceResponse library, string ours) =>
        Assert.Null(TwimlComparison.FirstDifference(XDocument.Parse(library.ToString()).Root!, XDocument.Parse(ours).Root!));
}
