using System;
using System.Linq;
using AppStoreJws.Errors;
using AppStoreJws.Keys;

namespace AppStoreJws.AdvancedCommerce
{
    internal enum Presence
    {
        Required,
        Optional,
    }

    /// <summary>
    /// Apple's field rules (see docs/WireFormat.md) for the members of one JSON object of a request. Every failure names the
    /// member's JSON path, such as <c>items[1].displayName</c>, and the rule it broke.
    /// </summary>
    internal readonly struct FieldRules
    {
        internal const string InvalidRequestId = "InvalidAdvancedCommerceRequest";
        internal const int MaximumDescriptionLength = 45;
        internal const int MaximumDisplayNameLength = 30;
        internal const int MaximumSkuLength = 128;
        internal const int MinimumPeriodCount = 1;
        internal const int MaximumPeriodCount = 12;

        private readonly string path;

        private FieldRules(string path)
        {
            this.path = path;
        }

        internal static FieldRules Root => new FieldRules(string.Empty);

        internal static string MemberPath(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

        internal static string ElementPath(string parent, int index) => $"{parent}[{index}]";

        internal static AppStoreJwsException Invalid(string message) =>
            new AppStoreJwsException(InvalidRequestId, ErrorKind.InvalidData, message);

        internal FieldRules Child(string name) => new FieldRules(MemberPath(path, name));

        /// <summary>
        /// Blank optional text becomes absent (an empty string sent for an absent field is a classic
        /// mistake). Lengths count UTF-16 code units, as Apple's Java and Node libraries do; that is never
        /// fewer than Python's code points or Swift's characters, so text accepted here passes all four.
        /// </summary>
        internal string? Text(string name, string? value, Presence presence, int maximumLength = int.MaxValue)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return presence == Presence.Required ? throw Missing(name, value) : null;
            }

            if (value!.Length > maximumLength)
            {
                throw Invalid($"{MemberPath(path, name)} is {value.Length} characters; Apple allows at most {maximumLength}.");
            }

            return value;
        }

        internal string? Currency(string name, string? value, Presence presence)
        {
            string? currency = Text(name, value, presence);
            if (currency != null && !(currency.Length == 3 && currency.All(c => c >= 'A' && c <= 'Z')))
            {
                throw Invalid($"{MemberPath(path, name)} is '{currency}'; expected an ISO 4217 currency code of exactly 3 uppercase letters, such as USD.");
            }

            return currency;
        }

        internal string? Uuid(string name, string? value, Presence presence)
        {
            string? uuid = Text(name, value, presence);
            if (uuid != null && !AppStoreIdentifiers.IsUuid(uuid))
            {
                throw Invalid($"{MemberPath(path, name)} is '{uuid}'; expected a UUID such as f55df048-4cd8-4261-b404-b6f813ff70e5.");
            }

            return uuid;
        }

        internal void Price(string name, long? value, Presence presence)
        {
            if (!IsAbsent(name, value, presence) && value < 0)
            {
                throw Invalid($"{MemberPath(path, name)} is {value}; prices are never negative (they are milliunits of the currency: 4990 for 4.99).");
            }
        }

        internal void PeriodCount(string name, int? value)
        {
            Require(name, value);
            if (value < MinimumPeriodCount || value > MaximumPeriodCount)
            {
                throw Invalid($"{MemberPath(path, name)} is {value}; Apple allows {MinimumPeriodCount} to {MaximumPeriodCount} periods.");
            }
        }

        internal void Require<T>(string name, T? value)
            where T : struct
        {
            if (value == null)
            {
                throw Missing(name, null);
            }
        }

        internal void Nested<T>(string name, T? value, Presence presence, Action<T, FieldRules> validate)
            where T : class
        {
            if (!IsAbsent(name, value, presence))
            {
                validate(value!, Child(name));
            }
        }

        /// <summary>An item list, when present, holds at least one item and no nulls, as Apple's libraries require.</summary>
        internal void Items<T>(string name, T[]? items, Presence presence, Action<T, FieldRules> validate)
            where T : class
        {
            if (IsAbsent(name, items, presence))
            {
                return;
            }

            string listPath = MemberPath(path, name);
            if (items!.Length == 0)
            {
                throw Invalid($"{listPath} is empty; Apple requires at least one item when the list is given.");
            }

            for (int i = 0; i < items.Length; i++)
            {
                string itemPath = ElementPath(listPath, i);
                if (items[i] is null)
                {
                    throw Invalid($"{itemPath} is null; every item of {listPath} must be an object.");
                }

                validate(items[i], new FieldRules(itemPath));
            }
        }

        /// <summary>True when an optional member is absent; throws when a required one is.</summary>
        private bool IsAbsent(string name, object? value, Presence presence)
        {
            if (value != null)
            {
                return false;
            }

            if (presence == Presence.Required)
            {
                throw Missing(name, null);
            }

            return true;
        }

        private AppStoreJwsException Missing(string name, string? value) =>
            Invalid(value == null
                ? $"{MemberPath(path, name)} is required and was not given."
                : $"{MemberPath(path, name)} is required and was empty.");
    }
}
