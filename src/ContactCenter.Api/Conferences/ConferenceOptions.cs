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
}
