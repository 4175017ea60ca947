namespace NgoMonitor.Core.Storage;

/// <summary>Who last wrote a stored configuration entry.</summary>
public enum EntryOrigin
{
    /// <summary>Seeded from the configuration file and not changed since.</summary>
    File,

    /// <summary>Changed after seeding: through the admin API, an import, or a feed's permanent redirect.</summary>
    Edited,
}

/// <summary>What seeding does with one entry of the configuration file.</summary>
public enum SeedAction
{
    /// <summary>Not stored yet: stored from the file.</summary>
    Insert,

    /// <summary>Stored from an earlier version of the file and not edited since: replaced by the file's new version.</summary>
    Update,

    /// <summary>Stored as the file has it: nothing to do.</summary>
    Unchanged,

    /// <summary>Stored before origins were recorded and equal to the file: marked as coming from the file.</summary>
    Adopt,

    /// <summary>Edited through the admin API (or an import) since seeding: the stored version is kept.</summary>
    KeepEdited,

    /// <summary>Deleted through the admin API: not re-created from the file.</summary>
    KeepDeleted,
}

/// <summary>A stored entry as seeding sees it: its origin (null for rows written before origins were recorded),
/// the hash of the file version it was seeded from, the hash of its current content, and whether it was deleted.</summary>
public sealed record StoredSeedState(EntryOrigin? Origin, string? SeedHash, string ContentHash, bool Deleted = false)
{
    public static StoredSeedState Tombstone { get; } = new(EntryOrigin.Edited, null, "", Deleted: true);
}

/// <summary>One file entry's fate at start-up.</summary>
public sealed record SeedOutcome(string Kind, string Id, SeedAction Action);

/// <summary>
/// The configuration file seeds the store; the store is the truth once admins edit it through the admin API. Every process
/// start reads the file again (a laptop user edits the file and restarts; a deployment ships a new file), so without
/// a rule the file would silently undo what admins changed through the API. The rule: a file entry replaces the
/// stored one only while the stored one is still exactly what an earlier file seeded; an entry edited or deleted
/// through the API stays as the admin left it, and the difference is reported so nobody wonders why a file edit
/// did not apply.
/// </summary>
public static class ConfigSeeding
{
    /// <param name="stored">The stored entry, or null when there is none (and no record of a deletion).</param>
    /// <param name="fileHash">Hash of the file's version of the entry, in the stored form.</param>
    public static SeedAction Decide(StoredSeedState? stored, string fileHash) => stored switch
    {
        null => SeedAction.Insert,
        { Deleted: true } => SeedAction.KeepDeleted,
        { Origin: EntryOrigin.File } s when s.SeedHash == fileHash || s.ContentHash == fileHash => SeedAction.Unchanged,
        { Origin: EntryOrigin.File } => SeedAction.Update,
        { Origin: EntryOrigin.Edited } s when s.ContentHash == fileHash => SeedAction.Unchanged,
        { Origin: EntryOrigin.Edited } => SeedAction.KeepEdited,
        { } s when s.ContentHash == fileHash => SeedAction.Adopt,
        _ => SeedAction.KeepEdited,
    };
}
