namespace NgoMonitor.Core.Matching;

/// <summary>Severity on the CAP 1.2 scale (OASIS CAP 1.2, section 3.2.2 "severity"), lowest first.</summary>
public enum Severity
{
    Minor = 1,
    Moderate = 2,
    Severe = 3,
    Extreme = 4,
}
