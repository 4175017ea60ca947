using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Matching.Evaluation;
using NgoMonitor.Core.Matching.NonEvents;
using NgoMonitor.Core.Matching.Rules;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Evaluation;

/// <summary>The packs as the model builder's gate and the evaluation decide them: rules, then the non-event gate.</summary>
public sealed class PackDetectorTests
{
    private static readonly PackDetector Detector = new(
        [new RulePack("kidnap-test", "Kidnapping (test)", "kidnapping", Severity.Severe, [new PackRule("kidnap* OR abduct*", "en")])],
        NonEventGate.Default);

    private static EventExample Item(string title, int year = 2026) =>
        new("test", new DateOnly(year, 3, 10), title, "", new HashSet<string>());

    [Fact]
    public void Detect_KidnappingReport_FlagsThePack()
    {
        var detection = Detector.Detect(Item("Gunmen kidnap three traders on the road to Gao"));

        Assert.Equal(["kidnap-test"], detection.Flags.Keys);
    }

    [Fact]
    public void Detect_FilmAboutAKidnapping_FlagsNoPackAndSaysWhichWereSilenced()
    {
        var detection = Detector.Detect(Item("Film about a hospital kidnapping wins festival prize"));

        Assert.Empty(detection.Flags);
        Assert.Contains("kidnap-test", detection.Silenced);
    }

    [Fact]
    public void Detect_TrialOverAnAbductionYearsBeforeTheIncidentDate_FlagsNoPack()
    {
        var detection = Detector.Detect(Item("Court sentences militia leader for the 2014 abduction of nurses", 2021));

        Assert.Empty(detection.Flags);
    }
}
