using ContactCenter.Api.Storage;
using ContactCenter.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Storage;

/// <summary>Twilio never re-sends a status callback: by default SQLite acknowledges only what is on disk.</summary>
public sealed class SqliteDurabilityTests
{
    private static async Task<long> SynchronousOf(ContactCenterFactory service)
    {
        var contexts = service.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData(null, 2L)]
    [InlineData("Full", 2L)]
    [InlineData("normal", 1L)]
    public async Task Every_connection_syncs_as_configured_and_full_by_default(string? setting, long expected)
    {
        await using var service = new ContactCenterFactory().With(("Storage:SqliteSynchronous", setting));
        Assert.Equal(expected, await SynchronousOf(service));
    }

    [Theory]
    [InlineData("OFF")]
    [InlineData("Full; DROP TABLE transfers")]
    public void Anything_but_full_or_normal_stops_the_start_naming_the_key(string value)
    {
        using var service = new ContactCenterFactory().With(("Storage:SqliteSynchronous", value));
        Assert.Contains("Storage:SqliteSynchronous must be Full", service.StartupFailure().Message);
    }
}
