namespace NgoMonitor.Tests.Core.Matching.Packs;

/// <summary>
/// One item of the news-register test set: a headline and its lead (an event note may have no headline), the pack
/// it is written for, its language, and whether an officer subscribed to the pack wants it (<paramref name="IsEvent"/>).
/// </summary>
public sealed record NewsCase(string Pack, string Lang, bool IsEvent, string Headline, string Lede);

/// <summary>Which half of the test set a case belongs to.</summary>
public enum NewsCaseHalf
{
    /// <summary>Cases whose failures the rules were written against.</summary>
    Tuning,

    /// <summary>Cases held back to measure the rules; their failures were never read while writing rules.</summary>
    Check,
}
