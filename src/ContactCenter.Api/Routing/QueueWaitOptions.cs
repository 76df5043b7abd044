using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Api.Routing;

/// <summary>What a queued caller hears while waiting, and the voicemail offered when the wait is too long ("Routing:Wait").</summary>
public sealed class QueueWaitOptions : IValidatableObject
{
    public const string Section = "Routing:Wait";

    /// <summary>At most one position announcement per caller in this many seconds.</summary>
    public int AnnounceEverySeconds { get; set; } = 60;

    /// <summary>An audio file (mp3/wav) played between announcements. Unset: Conference:WaitMusicUrl.</summary>
    public string? MusicUrl { get; set; }

    public string VoicemailPrompt { get; set; } = "All our agents are busy. Please leave a message after the tone.";

    public string VoicemailGoodbye { get; set; } = "Thank you for your message. Goodbye.";

    public int VoicemailMaxLengthSeconds { get; set; } = 120;


    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AnnounceEverySeconds is < 10 or > 3600)
        {
            yield return new ValidationResult("Routing:Wait:AnnounceEverySeconds must be between 10 and 3600.", [nameof(AnnounceEverySeconds)]);
        }

        if (MusicUrl is { Length: > 0 } music && !music.StartsWith("https://", StringComparison.Ordinal))
        {
            yield return new ValidationResult("Routing:Wait:MusicUrl must be an https URL.", [nameof(MusicUrl)]);
        }

        if (VoicemailMaxLengthSeconds is < 5 or > 3600)
        {
            yield return new ValidationResult("Routing:Wait:VoicemailMaxLengthSeconds must be between 5 and 3600.", [nameof(VoicemailMaxLengthSeconds)]);
        }

        foreach (var (key, text) in new[] { (nameof(VoicemailPrompt), VoicemailPrompt), (nameof(VoicemailGoodbye), VoicemailGoodbye) })
        {
            if (string.IsNullOrWhiteSpace(text) || !IsXmlText(text))
            {
                yield return new ValidationResult($"Routing:Wait:{key} must be non-blank text TwiML can carry (no control characters).", [key]);
            }
        }

    }

    private static bool IsXmlText(string text)
    {
        try
        {
            System.Xml.XmlConvert.VerifyXmlChars(text);
            return true;
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }
}
