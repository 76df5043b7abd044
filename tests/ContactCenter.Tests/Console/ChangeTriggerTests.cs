using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Console;

/// <summary>
/// The 0008 triggers on both engines: which table writes make which change, with which room and agent, and that a
/// transfer to a phone number never copies the number.
/// </summary>
public sealed class ChangeTriggerTests
{
    private const string At = "'2026-11-23 21:00:00'";

    [Theory]
    [InlineData(StorageEngine.Sqlite)]
    [InlineData(StorageEngine.Postgres)]
    public async Task Every_watched_table_write_leaves_one_change_of_its_kind(StorageEngine engine)
    {
        await using var service = new ContactCenterFactory { Engine = engine }.With(ConsoleSetup.Settings);
        service.CreateClient();
        var db = service.Database;
        var start = db.Scalar("SELECT COALESCE(MAX(id), 0) FROM changes");
        (string Sql, string? Expected)[] writes =
        [
            ($"INSERT INTO conferences (conference_sid, friendly_name, first_event_at, last_sequence_number, last_received_at) VALUES ('CF1', 'room-CA1', {At}, 1, {At})", "room room-CA1 room-CA1 -"),
            ("UPDATE conferences SET last_sequence_number = 2 WHERE conference_sid = 'CF1'", null), // its event row is the change
            ($"UPDATE conferences SET ended_at = {At} WHERE conference_sid = 'CF1'", "room room-CA1 room-CA1 -"),
            ($"INSERT INTO conference_events (conference_sid, sequence_number, event_type, received_at, payload) VALUES ('CF1', 3, 'participant-join', {At}, '{{}}')", "room room-CA1 room-CA1 -"),
            ($"INSERT INTO conference_events (conference_sid, sequence_number, event_type, received_at, payload) VALUES ('CF9', 1, 'participant-join', {At}, '{{}}')", null), // no room row yet
            ("UPDATE agent_states SET version = version + 1 WHERE agent_id = 'alice'", "agent alice - alice"),
            ($"INSERT INTO queue_entries (caller_call_sid, conference_sid, queue_id, priority, entered_at, state, version) VALUES ('CA1', 'CF1', 'support', 0, {At}, 'done', 0)", "queue support room-CA1 -"),
            ("UPDATE queue_entries SET offered_agent_id = 'bob', version = 1 WHERE caller_call_sid = 'CA1'", "queue support room-CA1 bob"),
            ($"INSERT INTO queue_entries (caller_call_sid, conference_sid, queue_id, priority, entered_at, state, version) VALUES ('CA2', 'CF2', 'support', 0, {At}, 'done', 0)", "queue support room-CA2 -"),
            (Transfer("tr1", "number", "+14155550123"), "transfer tr1 room-CA1 -"),
            ("UPDATE transfers SET state = 'failed' WHERE id = 'tr1'", "transfer tr1 room-CA1 -"),
            (Transfer("tr2", "agent", "alice"), "transfer tr2 room-CA1 alice"),
        ];

        foreach (var (sql, expected) in writes)
        {
            var before = db.Scalar($"SELECT COUNT(*) FROM changes WHERE id > {start}");
            db.Scalar(sql);
            Assert.Equal(expected is null ? [] : [expected], ChangeRows(db, $"SELECT kind, subject, room, agent FROM changes WHERE id > {start} ORDER BY id").Skip((int)before).ToList());
        }

        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM changes WHERE subject LIKE '%+%' OR room LIKE '%+%' OR agent LIKE '%+%'"));
        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM changes WHERE at IS NULL"));
    }

    private static string Transfer(string id, string targetKind, string targetId) =>
        "INSERT INTO transfers (id, conference_sid, type, state, target_kind, target_id, customer_call_sid, actor, created_at, updated_at, version) " +
        $"VALUES ('{id}', 'CF1', 'cold', 'failed', '{targetKind}', '{targetId}', 'CA1', 'ops', {At}, {At}, 0)";

    private static List<string> ChangeRows(TestDatabase database, string sql) =>
        database.Rows(sql, reader => string.Join(' ', Enumerable.Range(0, 4).Select(i => reader.IsDBNull(i) ? "-" : reader.GetString(i))));
}
