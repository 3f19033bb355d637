using System.Text.RegularExpressions;

namespace PredictiveMigration.Durable.Tests.Determinism;

/// <summary>Finds non-deterministic APIs in C# source, ignoring comments and string literals.</summary>
internal static partial class DeterminismScanner
{
    public static IEnumerable<string> Scan(string source)
    {
        string code = CommentsAndStrings().Replace(source, " ");
        return Banned().Matches(code).Select(m => m.Value);
    }

    public static IEnumerable<string> ScanDirectory(string directory) =>
        Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Scan(File.ReadAllText(f)).Select(hit => $"{Path.GetRelativePath(directory, f)}: {hit}"));

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|""(?:\\.|[^""\\\n])*""", RegexOptions.Singleline)]
    private static partial Regex CommentsAndStrings();

    [GeneratedRegex(@"\bGuid\s*\.\s*NewGuid\b|\bDateTime(?:Offset)?\s*\.\s*(?:UtcNow|Now|Today)\b|\bTask\s*\.\s*Delay\b|\bThread\s*\.\s*Sleep\b|\bStopwatch\b|\bRandom\s*\.\s*Shared\b|\bnew\s+Random\s*\(")]
    private static partial Regex Banned();
}
