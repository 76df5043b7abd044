using ContactCenter.Api.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Api.Storage;

/// <summary>
/// One model for both engines. The schema itself is created by the versioned SQL scripts in
/// Storage/Migrations (see <see cref="SchemaMigrator"/>); this mapping must name the same tables and columns.
/// </summary>
public sealed class ContactCenterDbContext(DbContextOptions<ContactCenterDbContext> options) : DbContext(options)
{
    public DbSet<ConferenceRow> Conferences => Set<ConferenceRow>();
    public DbSet<ConferenceEventRow> ConferenceEvents => Set<ConferenceEventRow>();
    public DbSet<CallStatusRow> CallStatusEvents => Set<CallStatusRow>();
    public DbSet<RecordingRow> Recordings => Set<RecordingRow>();
    public DbSet<TransferRow> Transfers => Set<TransferRow>();
    public DbSet<AuditRow> Audit => Set<AuditRow>();
    public DbSet<ReactionRow> Reactions => Set<ReactionRow>();
    public DbSet<PendingDialRow> PendingDials => Set<PendingDialRow>();
    public DbSet<IdempotencyRow> IdempotencyKeys => Set<IdempotencyRow>();
    public DbSet<AgentStateRow> AgentStates => Set<AgentStateRow>();
    public DbSet<QueueEntryRow> QueueEntries => Set<QueueEntryRow>();
    public DbSet<VoicemailRow> Voicemails => Set<VoicemailRow>();
    public DbSet<CallNoteRow> CallNotes => Set<CallNoteRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var conference = modelBuilder.Entity<ConferenceRow>().ToTable("conferences");
        conference.HasKey(c => c.ConferenceSid);
        Columns(conference, ("ConferenceSid", "conference_sid"), ("FriendlyName", "friendly_name"), ("AccountSid", "account_sid"),
            ("StartedAt", "started_at"), ("EndedAt", "ended_at"), ("EndSequenceNumber", "end_sequence_number"), ("EndReason", "end_reason"),
            ("CallSidEndingConference", "call_sid_ending_conference"), ("FirstEventAt", "first_event_at"),
            ("LastSequenceNumber", "last_sequence_number"), ("LastReceivedAt", "last_received_at"));

        var conferenceEvent = modelBuilder.Entity<ConferenceEventRow>().ToTable("conference_events");
        conferenceEvent.HasKey(e => new { e.ConferenceSid, e.SequenceNumber });
        Columns(conferenceEvent, ("ConferenceSid", "conference_sid"), ("SequenceNumber", "sequence_number"), ("EventType", "event_type"),
            ("CallSid", "call_sid"), ("OccurredAt", "occurred_at"), ("ReceivedAt", "received_at"), ("Payload", "payload"));

        var callStatus = modelBuilder.Entity<CallStatusRow>().ToTable("call_status_events");
        callStatus.HasKey(c => new { c.CallSid, c.CallStatus, c.SequenceNumber });
        Columns(callStatus, ("CallSid", "call_sid"), ("CallStatus", "call_status"), ("SequenceNumber", "sequence_number"),
            ("ParentCallSid", "parent_call_sid"), ("Direction", "direction"), ("FromNumber", "from_number"), ("ToNumber", "to_number"),
            ("OccurredAt", "occurred_at"), ("ReceivedAt", "received_at"), ("Payload", "payload"));

        var recording = modelBuilder.Entity<RecordingRow>().ToTable("recordings");
        recording.HasKey(r => new { r.RecordingSid, r.RecordingStatus });
        Columns(recording, ("RecordingSid", "recording_sid"), ("RecordingStatus", "recording_status"), ("ConferenceSid", "conference_sid"),
            ("CallSid", "call_sid"), ("RecordingUrl", "recording_url"), ("DurationSeconds", "duration_seconds"), ("Channels", "channels"),
            ("ReceivedAt", "received_at"), ("Payload", "payload"));

        var transfer = modelBuilder.Entity<TransferRow>().ToTable("transfers");
        transfer.HasKey(t => t.Id);
        Columns(transfer, ("Id", "id"), ("ConferenceSid", "conference_sid"), ("Type", "type"), ("State", "state"), ("TargetKind", "target_kind"),
            ("TargetId", "target_id"), ("TargetCallSid", "target_call_sid"), ("FirstAgentCallSid", "first_agent_call_sid"),
            ("CustomerCallSid", "customer_call_sid"), ("Reason", "reason"), ("Actor", "actor"), ("CreatedAt", "created_at"),
            ("UpdatedAt", "updated_at"), ("Version", "version"), ("Settled", "settled"), ("TargetLabel", "target_label"));

        var audit = modelBuilder.Entity<AuditRow>().ToTable("audit");
        audit.HasKey(a => a.Id);
        audit.Property(a => a.Id).ValueGeneratedOnAdd();
        Columns(audit, ("Id", "id"), ("At", "at"), ("Actor", "actor"), ("Action", "action"), ("Room", "room"), ("Target", "target"),
            ("Outcome", "outcome"), ("Detail", "detail"));

        var reaction = modelBuilder.Entity<ReactionRow>().ToTable("reactions");
        reaction.HasKey(r => r.Id);
        reaction.Property(r => r.Id).ValueGeneratedOnAdd();
        Columns(reaction, ("Id", "id"), ("Reaction", "reaction"), ("Source", "source"), ("SourceSid", "source_sid"), ("SourceStatus", "source_status"),
            ("SequenceNumber", "sequence_number"), ("Lane", "lane"), ("State", "state"), ("Attempts", "attempts"), ("MayHaveDialed", "may_have_dialed"),
            ("NextAttemptAt", "next_attempt_at"), ("LeaseOwner", "lease_owner"), ("LeaseUntil", "lease_until"), ("LastError", "last_error"),
            ("CreatedAt", "created_at"), ("CompletedAt", "completed_at"));

        var pendingDial = modelBuilder.Entity<PendingDialRow>().ToTable("pending_dials");
        pendingDial.HasKey(p => new { p.ConferenceSid, p.Label });
        Columns(pendingDial, ("ConferenceSid", "conference_sid"), ("Label", "label"), ("Target", "target"), ("Actor", "actor"), ("CreatedAt", "created_at"));

        var idempotency = modelBuilder.Entity<IdempotencyRow>().ToTable("idempotency_keys");
        idempotency.HasKey(i => new { i.Actor, i.Key });
        Columns(idempotency, ("Actor", "actor"), ("Key", "key"), ("Method", "method"), ("Path", "path"), ("Fingerprint", "fingerprint"),
            ("State", "state"), ("StatusCode", "status_code"), ("ContentType", "content_type"), ("Location", "location"), ("Body", "body"),
            ("CreatedAt", "created_at"), ("CompletedAt", "completed_at"));

        var agentState = modelBuilder.Entity<AgentStateRow>().ToTable("agent_states");
        agentState.HasKey(a => a.AgentId);
        Columns(agentState, ("AgentId", "agent_id"), ("Presence", "presence"), ("Reason", "reason"), ("Since", "since"),
            ("LastCallEndedAt", "last_call_ended_at"), ("LastOfferedAt", "last_offered_at"), ("ConsecutiveMisses", "consecutive_misses"),
            ("CurrentCallerCallSid", "current_caller_call_sid"), ("WrapUpUntil", "wrap_up_until"), ("Version", "version"));

        var queueEntry = modelBuilder.Entity<QueueEntryRow>().ToTable("queue_entries");
        queueEntry.HasKey(q => q.CallerCallSid);
        Columns(queueEntry, ("CallerCallSid", "caller_call_sid"), ("ConferenceSid", "conference_sid"), ("QueueId", "queue_id"),
            ("Priority", "priority"), ("EnteredAt", "entered_at"), ("State", "state"), ("OfferedAgentId", "offered_agent_id"),
            ("OfferedCallSid", "offered_call_sid"), ("OfferedAt", "offered_at"), ("AnsweredAt", "answered_at"), ("EndedAt", "ended_at"),
            ("MaxWaitDueAt", "max_wait_due_at"), ("CallerNumber", "caller_number"), ("Version", "version"));

        var voicemail = modelBuilder.Entity<VoicemailRow>().ToTable("voicemails");
        voicemail.HasKey(v => v.RecordingSid);
        Columns(voicemail, ("RecordingSid", "recording_sid"), ("CallSid", "call_sid"), ("QueueId", "queue_id"), ("RecordingUrl", "recording_url"),
            ("DurationSeconds", "duration_seconds"), ("CreatedAt", "created_at"));

        var note = modelBuilder.Entity<CallNoteRow>().ToTable("call_notes");
        note.HasKey(n => n.CallSid);
        Columns(note, ("CallSid", "call_sid"), ("Note", "note"), ("Author", "author"), ("UpdatedAt", "updated_at"));
    }

    private static void Columns<T>(EntityTypeBuilder<T> entity, params (string Property, string Column)[] columns)
        where T : class
    {
        foreach (var (property, column) in columns)
        {
            entity.Property(property).HasColumnName(column);
        }
    }
}
