using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Api.Reconciliation;

/// <summary>Section <c>Reconciliation</c>: how often the record of live rooms is checked against Twilio.</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";

    /// <summary>false: no background checks (the check on an admin action's 404 still runs).</summary>
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00", ErrorMessage = "Reconciliation:Interval must be between 00:00:05 and 1.00:00:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rooms checked per pass (one or two Twilio requests each); the next pass continues where this one stopped.</summary>
    [Range(1, 1000, ErrorMessage = "Reconciliation:MaxRoomsPerPass must be between 1 and 1000.")]
    public int MaxRoomsPerPass { get; set; } = 50;
}
