using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Routing;

/// <summary>Routing:Wait is validated at start, each failure naming its key.</summary>
public sealed class QueueWaitOptionsTests
{
    [Theory]
    [InlineData("Routing:Wait:AnnounceEverySeconds", "5", "Routing:Wait:AnnounceEverySeconds")]
    [InlineData("Routing:Wait:MusicUrl", "http://music.example.com/wait.mp3", "Routing:Wait:MusicUrl must be an https URL")]
    [InlineData("Routing:Wait:VoicemailMaxLengthSeconds", "0", "Routing:Wait:VoicemailMaxLengthSeconds")]
    [InlineData("Routing:Wait:VoicemailPrompt", " ", "Routing:Wait:VoicemailPrompt")]
    [InlineData("Routing:Wait:VoicemailGoodbye", "bye\u0001", "Routing:Wait:VoicemailGoodbye")]
    [InlineData("Routing:Wait:OverflowNumbers:sales", "415 555 0199", "Routing:Wait:OverflowNumbers:sales must be an E.164 phone number")]
    public async Task Invalid_wait_settings_stop_the_service_at_start_naming_the_key(string key, string value, string expected)
    {
        await using var factory = new ContactCenterFactory().With((key, value));

        var failure = factory.StartupFailure();

        Assert.Contains(failure.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
