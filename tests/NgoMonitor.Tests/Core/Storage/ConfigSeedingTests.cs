using NgoMonitor.Core.Storage;
using Xunit;

namespace NgoMonitor.Tests.Core.Storage;

public sealed class ConfigSeedingTests
{
    private const string FileNow = "hash-of-the-file-version";

    public static TheoryData<string, StoredSeedState?, SeedAction> Cases => new()
    {
        { "not stored", null, SeedAction.Insert },
        { "deleted through the API", StoredSeedState.Tombstone, SeedAction.KeepDeleted },
        { "seeded from this file version", new(EntryOrigin.File, FileNow, FileNow), SeedAction.Unchanged },
        { "seeded from an older file version", new(EntryOrigin.File, "older", "older"), SeedAction.Update },
        { "edited through the API", new(EntryOrigin.Edited, null, "admin's version"), SeedAction.KeepEdited },
        { "edited through the API to what the file now says", new(EntryOrigin.Edited, null, FileNow), SeedAction.Unchanged },
        { "stored before origins were recorded, equal to the file", new(null, null, FileNow), SeedAction.Adopt },
        { "stored before origins were recorded, different", new(null, null, "unknown"), SeedAction.KeepEdited },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_StoredEntryAndFileVersion_GivesTheSeedAction(string label, StoredSeedState? stored, SeedAction expected)
    {
        Assert.True(expected == ConfigSeeding.Decide(stored, FileNow), label);
    }
}
