namespace ContactCenter.Api.Voice;

public sealed class VoiceOptions
{
    public const string Section = "Voice";

    /// <summary>Played before the caller enters the room: an http(s) URL is played (&lt;Play&gt;), any other text is spoken (&lt;Say&gt;).</summary>
    public string? Greeting { get; set; }
}
