namespace NgoMonitor.Core.Feeds;

/// <summary>
/// Feed folders as a feed reader keeps them: a path of names joined by '/' ("Africa/DRC"), the nesting of OPML
/// outlines. Each level is trimmed, empty levels are dropped, and a '/' inside an outline's own title becomes '-'
/// (it would otherwise read as a level).
/// </summary>
public static class FeedFolders
{
    public const char Separator = '/';

    /// <summary>The folder with its levels trimmed and empty ones dropped; null when nothing is left.</summary>
    public static string? Normalise(string? folder) =>
        folder is null ? null : Join(folder.Split(Separator));

    /// <summary>Levels (outline titles, outermost first) as a folder; null when there are none.</summary>
    public static string? Join(IEnumerable<string?> levels)
    {
        var kept = levels.Select(l => l?.Trim()).Where(l => !string.IsNullOrEmpty(l)).ToList();
        return kept.Count == 0 ? null : string.Join(Separator, kept);
    }

    /// <summary>An outline title as one level.</summary>
    public static string Level(string title) => title.Replace(Separator, '-').Trim();

    public static IReadOnlyList<string> Levels(string? folder) =>
        folder is null ? [] : folder.Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
