using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Api.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where conference state lives: an embedded SQLite file (default) or a shared PostgreSQL.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string ConnectionStringName = "ContactCenter";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The SQLite file, relative to the content root unless absolute. Its directory is created.</summary>
    [Required]
    public string SqlitePath { get; set; } = "data/contactcenter.db";

    /// <summary>
    /// SQLite's <c>synchronous</c> setting. <c>Full</c> (default): a callback is acknowledged only once it is on disk.
    /// <c>Normal</c>: faster, but the last acknowledged callbacks can be lost on power loss or an OS crash (never on a
    /// process crash), and Twilio does not send a status callback twice.
    /// </summary>
    [RegularExpression("^(?i:full|normal)$", ErrorMessage = "Storage:SqliteSynchronous must be Full (every acknowledged callback is on disk) or Normal (faster; the last ones can be lost on power loss).")]
    public string SqliteSynchronous { get; set; } = "Full";

    /// <summary>How many days of history (rooms, call and recording callbacks) are kept.</summary>
    [Range(1, 3650, ErrorMessage = "Storage:RetentionDays must be between 1 and 3650.")]
    public int RetentionDays { get; set; } = 90;

    /// <summary>How often the retention purge runs.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Storage:PurgeInterval must be between 1 minute and 7 days.")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
