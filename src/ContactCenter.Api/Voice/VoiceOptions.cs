using System.ComponentModel.DataAnnotations;
using System.Xml;

namespace ContactCenter.Api.Voice;

public sealed class VoiceOptions : IValidatableObject
{
    public const string Section = "Voice";

    /// <summary>Played before the caller enters the room: an http(s) URL is played (&lt;Play&gt;), any other text is spoken (&lt;Say&gt;).</summary>
    public string? Greeting { get; set; }

    // Checked at start: a character XML cannot carry would otherwise fail every incoming call.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Greeting is { } greeting && !IsXmlText(greeting))
        {
            yield return new ValidationResult(
                "Voice:Greeting contains a character TwiML cannot carry (a control character or a lone surrogate).", [nameof(Greeting)]);
        }
    }

    private static bool IsXmlText(string text)
    {
        try
        {
            XmlConvert.VerifyXmlChars(text);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }
}
