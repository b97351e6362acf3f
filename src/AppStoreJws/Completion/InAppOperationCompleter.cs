using AppStoreJws.AdvancedCommerce;

namespace AppStoreJws.Completion
{
    /// <summary>
    /// Tab completion for the operations an app may sign. A completer rather than ValidateSet: the request reader
    /// judges the name, so a server-only operation gets its explanation instead of a bare "not in the set".
    /// </summary>
    public sealed class InAppOperationCompleter : ValueListCompleter
    {
        private protected override IEnumerable<string> Values() => AdvancedCommerceOperations.InAppRequestTypes.Keys;
    }
}
