using NgoMonitor.Core.Geo.Fences;

namespace NgoMonitor.Core.Subscriptions;

/// <summary>Where an officer works: their team (an admin's label such as "goma") and their area (fences).</summary>
public sealed record OfficerScope(string? Team, IReadOnlyList<Fence> Areas);

/// <summary>Whom a watchlist is for: the teams it names (none: any), its fences, and whether the officer already
/// receives it.</summary>
public sealed record WatchlistScope(IReadOnlyList<string> Teams, IReadOnlyList<Fence> Fences, bool Subscribed)
{
    /// <summary>Whether the watchlist has no fence at all. By default when <see cref="Fences"/> is empty; a caller whose
    /// configured fences could not all be built sets it false, so a broken fence never makes a watchlist global.</summary>
    public bool Global { get; init; } = Fences.Count == 0;
}

/// <summary>Why a watchlist concerns an officer; <see cref="None"/> when it does not.</summary>
public enum Concern
{
    None,

    /// <summary>The officer already receives it (an admin subscribed them), so they may always see and leave it.</summary>
    Subscribed,

    /// <summary>The watchlist names the officer's team.</summary>
    Team,

    /// <summary>One of the watchlist's fences overlaps the officer's area (<see cref="FenceOverlap"/>).</summary>
    Area,

    /// <summary>The watchlist has no fence and names no team: it watches everywhere, for everyone.</summary>
    Global,
}

/// <summary>
/// Which watchlists an officer is offered on their subscription page, so that a Goma officer is not shown (and does
/// not learn of) the watchlists of the Syria offices. Decided in this order:
/// 1. a watchlist the officer already receives concerns them;
/// 2. a watchlist that names teams concerns the members of those teams, and nobody else;
/// 3. a watchlist with no fence concerns everyone;
/// 4. a fenced watchlist concerns an officer whose area overlaps one of its fences; an officer with no area is
///    offered no fenced watchlist.
/// </summary>
public static class WatchlistConcern
{
    public static Concern Of(OfficerScope officer, WatchlistScope watchlist)
    {
        if (watchlist.Subscribed)
        {
            return Concern.Subscribed;
        }

        if (watchlist.Teams.Count > 0)
        {
            return officer.Team is { } team && watchlist.Teams.Contains(team, StringComparer.OrdinalIgnoreCase) ? Concern.Team : Concern.None;
        }

        if (watchlist.Global)
        {
            return Concern.Global;
        }

        return officer.Areas.Any(area => watchlist.Fences.Any(fence => FenceOverlap.Overlaps(area, fence))) ? Concern.Area : Concern.None;
    }
}
