using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Api.Conferences;

public sealed class ConferenceOptions
{
    public const string Section = "Conference";

    /// <summary>What a caller alone in the room hears. Twilio fetches it, so it must be publicly reachable over https.</summary>
    [Required, Url, RegularExpression("^https://.+", ErrorMessage = "Conference:WaitMusicUrl must be an https URL.")]
    public string WaitMusicUrl { get; set; } = "https://twimlets.com/holdmusic?Bucket=com.twilio.music.classical";

    /// <summary>Record every room from the start (Twilio's <c>record-from-start</c>).</summary>
    public bool Record { get; set; } = true;

    /// <summary>What a participant put on hold hears (https). Unset: the same as <see cref="WaitMusicUrl"/>.</summary>
    [Url, RegularExpression("^https://.+", ErrorMessage = "Conference:HoldMusicUrl must be an https URL.")]
    public string? HoldMusicUrl { get; set; }

    /// <summary>Record a coaching supervisor's own leg: the conference recording does not contain what only the agent hears.</summary>
    public bool RecordCoachLeg { get; set; }

    public string EffectiveHoldMusicUrl => HoldMusicUrl is { Length: > 0 } url ? url : WaitMusicUrl;
}
