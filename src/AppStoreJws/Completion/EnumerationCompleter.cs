namespace AppStoreJws.Completion
{
    /// <summary>Tab completion from one of the core's enumerations, whose member names are Apple's wire values.</summary>
    public sealed class EnumerationCompleter<TEnum> : ValueListCompleter
        where TEnum : struct, Enum
    {
        private protected override IEnumerable<string> Values() => Enum.GetNames(typeof(TEnum));
    }
}
