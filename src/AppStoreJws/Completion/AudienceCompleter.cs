using AppStoreJws.Inspection;

namespace AppStoreJws.Completion
{
    /// <summary>Tab completion for -Audience from the core's list of App Store audiences.</summary>
    public sealed class AudienceCompleter : ValueListCompleter
    {
        private protected override IEnumerable<string> Values() => JwsLintOptions.KnownAudiences;
    }
}
