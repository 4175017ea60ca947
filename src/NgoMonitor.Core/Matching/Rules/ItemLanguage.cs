namespace NgoMonitor.Core.Matching.Rules;

/// <summary>How the language of an item was settled.</summary>
public enum LanguageBasis
{
    /// <summary>The feed's declaration, with nothing in the text clearly against it (or a language detection does
    /// not know, which it cannot contradict).</summary>
    Declared,

    /// <summary>The text: clear stopword or script evidence, over a declaration when there was one.</summary>
    Detected,

    /// <summary>No declaration and no clear evidence (a short title, mixed text, names only): a best guess.</summary>
    Guessed,
}

/// <summary>
/// The language of one item as the matcher reads it (<see cref="LanguageDetector.Read"/>).
/// </summary>
/// <param name="Language">The language the item's Latin-script words are analysed in ("en", "fr", "tr"; "ar" analyses
/// them as English; "und": folded, not stemmed). Arabic-script words are analysed as Arabic whatever it says.</param>
/// <param name="Scope">The languages whose rules apply to the item: one when the item's language is settled, more
/// when it is not (every Latin-script language for a guess).</param>
/// <param name="Basis">How <paramref name="Language"/> and <paramref name="Scope"/> were settled.</param>
public readonly record struct ItemLanguage(string Language, LanguageSet Scope, LanguageBasis Basis);
