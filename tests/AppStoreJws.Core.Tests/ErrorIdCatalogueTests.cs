using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using AppStoreJws.Errors;
using AppStoreJws.ServerApi.Client;
using Xunit;

namespace AppStoreJws.Core.Tests
{
    /// <summary>
    /// The one catalogue of error ids: every constant of <see cref="ErrorIds"/> is in docs/ErrorIds.md and raised
    /// somewhere in src, every catalogue entry is a constant, Apple's numbered names are all listed, and no throw site
    /// spells an id as a literal again.
    /// </summary>
    public sealed class ErrorIdCatalogueTests
    {
        private const string AppleSection = "## Apple's error codes";

        // Files whose literals are not error ids: Apple's own names for numbered values ("Revoked" is a subscription status there).
        private static readonly string[] NotErrorIdFiles = { "ErrorIds.cs", "ServerApiCodes.cs", "AppleErrorCodes.cs" };

        private static readonly string Repository = FindRepository();

        private static readonly string[] Constants = typeof(ErrorIds)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToArray();

        [Fact]
        public void EveryConstantIsItsOwnName()
        {
            Assert.True(Constants.Length > 100, $"found {Constants.Length} constants");
            foreach (FieldInfo field in typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(field => field.IsLiteral))
            {
                Assert.Equal(field.Name, field.GetRawConstantValue());
            }
        }

        [Fact]
        public void TheCatalogueListsEveryConstantAndNothingElse()
        {
            List<string> listed = ModuleSection().Select(id => Regex.Replace(id, "<[a-z]+>$", string.Empty)).ToList();
            Assert.Empty(listed.GroupBy(id => id).Where(group => group.Count() > 1).Select(group => group.Key));
            Assert.Empty(Constants.Except(listed));
            Assert.Empty(listed.Except(Constants));
        }

        [Fact]
        public void TheCatalogueListsEachOfApplesCodesByItsId()
        {
            string text = File.ReadAllText(Path.Combine(Repository, "docs", "ErrorIds.md"));
            string apple = text.Substring(text.IndexOf(AppleSection, StringComparison.Ordinal));
            List<(string Id, long Code)> rows = Regex.Matches(apple, @"^\| `(\w+)` \| (\d+) \|", RegexOptions.Multiline)
                .Select(match => (match.Groups[1].Value, long.Parse(match.Groups[2].Value)))
                .ToList();
            List<(string Id, long Code)> expected = AppleErrorCodes.All.Select(code => (AppleErrorCodes.PascalCase(code.Value), code.Key)).ToList();
            Assert.True(expected.Count > 50);
            Assert.Equal(expected.OrderBy(row => row.Code), rows.OrderBy(row => row.Code));
        }

        [Fact]
        public void EveryConstantIsRaisedOutsideTheCatalogue()
        {
            string catalogue = File.ReadAllText(SourceFiles().Single(file => Path.GetFileName(file) == "ErrorIds.cs"));
            string elsewhere = string.Join("\n", SourceFiles().Where(file => Path.GetFileName(file) != "ErrorIds.cs").Select(File.ReadAllText));
            HashSet<string> used = new HashSet<string>(Regex.Matches(elsewhere, @"\bErrorIds\.(\w+)").Select(match => match.Groups[1].Value));

            // A composed id (ProductIdMissing) is raised through the lookup that picks it (ErrorIds.Missing("productId")).
            foreach (Match lookup in Regex.Matches(catalogue, @"public static string (\w+)\(string \w+\) => Pick\(([^;]*)\);"))
            {
                if (used.Contains(lookup.Groups[1].Value))
                {
                    used.UnionWith(Regex.Matches(lookup.Groups[2].Value, @"\b[A-Z]\w+\b").Select(match => match.Value));
                }
            }

            Assert.Equal(Array.Empty<string>(), Constants.Where(id => !used.Contains(id)).ToArray());
        }

        [Fact]
        public void NoSourceFileSpellsAnIdAsALiteral()
        {
            HashSet<string> ids = new HashSet<string>(Constants);
            List<string> found = new List<string>();
            foreach (string file in SourceFiles().Where(file => !NotErrorIdFiles.Contains(Path.GetFileName(file))))
            {
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    string code = Regex.Replace(lines[i], @"^\s*//.*$", string.Empty);
                    foreach (Match literal in Regex.Matches(code, "\"([A-Za-z]+)\""))
                    {
                        if (ids.Contains(literal.Groups[1].Value) || Regex.IsMatch(code, "\\+ \"(Missing|HasWhitespace|NotBoolean)\""))
                        {
                            found.Add($"{Path.GetRelativePath(Repository, file)}:{i + 1}: {lines[i].Trim()}");
                        }
                    }
                }
            }

            Assert.Empty(found);
        }

        [Fact]
        public void NoThrowSiteRaisesAnIdOutsideTheCatalogue()
        {
            // A new id written as a literal where an error is made would pass the test above (it is no constant yet).
            Regex throwSite = new Regex(
                "(?:AppStoreJwsException|AppStoreServerApiException|ErrorRecords\\.From)\\(\\s*\"|new ErrorRecord\\([^;]*?,\\s*\"[A-Za-z]+\"\\s*,\\s*ErrorCategory");
            List<string> found = new List<string>();
            foreach (string file in SourceFiles())
            {
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    if (throwSite.IsMatch(lines[i]))
                    {
                        found.Add($"{Path.GetRelativePath(Repository, file)}:{i + 1}: {lines[i].Trim()}");
                    }
                }
            }

            Assert.Empty(found);
        }

        [Fact]
        public void EveryIdACmdletPageListsIsInTheCatalogue()
        {
            // A cmdlet page's error table is where users look first; an id there that the catalogue lacks is undocumented twice over.
            HashSet<string> known = new HashSet<string>(Constants);
            known.UnionWith(AppleErrorCodes.All.Select(code => AppleErrorCodes.PascalCase(code.Value)));
            List<string> unknown = new List<string>();
            foreach (string page in Directory.EnumerateFiles(Path.Combine(Repository, "docs"), "*-*.md"))
            {
                foreach (string line in File.ReadLines(page).Where(line => Regex.IsMatch(line, @"^\| `[A-Z]\w+`(, `[A-Z]\w+`)* \| [A-Z][A-Za-z]+ \|")))
                {
                    string ids = line.Substring(0, line.IndexOf(" | ", 2, StringComparison.Ordinal));
                    unknown.AddRange(Regex.Matches(ids, @"`([A-Z]\w+)`").Select(match => match.Groups[1].Value)
                        .Where(id => !known.Contains(id) && !id.StartsWith("HttpStatus", StringComparison.Ordinal))
                        .Select(id => $"{Path.GetFileName(page)}: {id}"));
                }
            }

            Assert.Empty(unknown);
        }

        [Fact]
        public void EveryCmdletPageWithErrorsLinksToTheCatalogue()
        {
            string[] unlinked = Directory.EnumerateFiles(Path.Combine(Repository, "docs"), "*-*.md")
                .Where(page => File.ReadAllText(page).Contains("\n## Errors", StringComparison.Ordinal)
                    && !File.ReadAllText(page).Contains("](ErrorIds.md)", StringComparison.Ordinal))
                .Select(Path.GetFileName)
                .ToArray()!;
            Assert.Empty(unlinked);
        }

        /// <summary>The ids of the catalogue's own tables (above Apple's list), as written (HttpStatus&lt;status&gt;).</summary>
        private static IEnumerable<string> ModuleSection()
        {
            string text = File.ReadAllText(Path.Combine(Repository, "docs", "ErrorIds.md"));
            int apple = text.IndexOf(AppleSection, StringComparison.Ordinal);
            Assert.True(apple > 0, "docs/ErrorIds.md has no section for Apple's codes");
            return Regex.Matches(text.Substring(0, apple), @"^\| `([\w<>]+)` \|", RegexOptions.Multiline).Select(match => match.Groups[1].Value);
        }

        private static IEnumerable<string> SourceFiles() =>
            Directory.EnumerateFiles(Path.Combine(Repository, "src"), "*.cs", SearchOption.AllDirectories)
                .Where(file => !Regex.IsMatch(file, @"[\\/](bin|obj)[\\/]"));

        private static string FindRepository()
        {
            string? folder = AppContext.BaseDirectory;
            while (folder != null && !File.Exists(Path.Combine(folder, "AppStoreJws.psd1")))
            {
                folder = Path.GetDirectoryName(folder);
            }

            return folder ?? throw new InvalidOperationException("The repository (AppStoreJws.psd1) is not above the test's folder.");
        }
    }
}
