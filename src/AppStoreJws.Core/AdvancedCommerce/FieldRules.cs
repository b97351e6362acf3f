using System;
using System.Linq;
using AppStoreJws.Errors;
using AppStoreJws.Keys;

namespace AppStoreJws.AdvancedCommerce
{
    /// <summary>
    /// Apple's field rules (see docs/WireFormat.md) for the members of one JSON object of a request. Every failure names the
    /// member's JSON path, such as <c>items[1].displayName</c>, and the rule it broke.
    /// </summary>
    internal readonly struct FieldRules
    {
        internal const int MaximumDescriptionLength = 45;
        internal const int MaximumDisplayNameLength = 30;
        internal const int MaximumSkuLength = 128;
        internal const int MinimumPeriodCount = 1;
        internal const int MaximumPeriodCount = 12;

        private readonly string path;
        private readonly RequestProblems problems;

        private FieldRules(string path, RequestProblems problems)
        {
            this.path = path;
            this.problems = problems;
        }

        /// <summary>The rules for a request's top level; <see cref="ThrowIfProblems"/> reports everything they found.</summary>
        internal static FieldRules Root => new FieldRules(string.Empty, new RequestProblems());

        /// <summary>The rules for a request's top level, adding to problems already found in its shape.</summary>
        internal static FieldRules RootWith(RequestProblems problems) => new FieldRules(string.Empty, problems);

        internal void ThrowIfProblems() => problems.ThrowIfAny();

        internal static string MemberPath(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

        internal static string ElementPath(string parent, int index) => $"{parent}[{index}]";

        internal static AppStoreJwsException Invalid(string message) =>
            new AppStoreJwsException(ErrorIds.InvalidAdvancedCommerceRequest, ErrorKind.InvalidData, message);

        internal FieldRules Child(string name) => new FieldRules(MemberPath(path, name), problems);

        /// <summary>
        /// Blank optional text becomes absent (an empty string sent for an absent field is a classic
        /// mistake). Lengths count UTF-16 code units, as Apple's Java and Node libraries do; that is never
        /// fewer than Python's code points or Swift's characters, so text accepted here passes all four.
        /// </summary>
        internal string? Text(string name, string? value, Presence presence, int maximumLength = int.MaxValue)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (presence == Presence.Required)
                {
                    Missing(name, value);
                }

                return null;
            }

            if (value!.Length > maximumLength)
            {
                problems.Add($"{MemberPath(path, name)} is {value.Length} characters; Apple allows at most {maximumLength}.");
            }

            return value;
        }

        internal string? Currency(string name, string? value, Presence presence)
        {
            string? currency = Text(name, value, presence);
            if (currency != null && !IsoCodes.IsCurrency(currency))
            {
                problems.Add($"{MemberPath(path, name)} is '{currency}'; expected an ISO 4217 currency code in uppercase, such as USD or EUR.");
            }

            return currency;
        }

        internal string? Storefront(string name, string? value, Presence presence)
        {
            string? storefront = Text(name, value, presence);
            if (storefront != null && !IsoCodes.IsStorefront(storefront))
            {
                string hint = storefront.Length == 2 ? " (a two-letter code: the storefront takes the three-letter one, USA rather than US)" : string.Empty;
                problems.Add($"{MemberPath(path, name)} is '{storefront}'; expected an ISO 3166-1 alpha-3 country code in uppercase, such as USA or GBR{hint}.");
            }

            return storefront;
        }

        /// <summary>A transaction ID of the request (transactionId, previousTransactionId): digits only.</summary>
        internal string? TransactionId(string name, string? value, Presence presence)
        {
            string? id = Text(name, value, presence);
            string? problem = id == null ? null : AppStoreIdentifiers.TransactionIdProblem(MemberPath(path, name), id);
            if (problem != null)
            {
                problems.Add(problem);
            }

            return id;
        }

        internal string? Uuid(string name, string? value, Presence presence)
        {
            string? uuid = Text(name, value, presence);
            if (uuid != null && !AppStoreIdentifiers.IsUuid(uuid))
            {
                problems.Add($"{MemberPath(path, name)} is '{uuid}'; expected a UUID such as f55df048-4cd8-4261-b404-b6f813ff70e5.");
            }

            return uuid;
        }

        internal void Price(string name, long? value, Presence presence)
        {
            if (!IsAbsent(name, value, presence) && value < 0)
            {
                problems.Add($"{MemberPath(path, name)} is {value}; prices are never negative (they are milliunits of the currency: 4990 for 4.99).");
            }
        }

        internal void PeriodCount(string name, int? value)
        {
            Require(name, value);
            if (value < MinimumPeriodCount || value > MaximumPeriodCount)
            {
                problems.Add($"{MemberPath(path, name)} is {value}; Apple allows {MinimumPeriodCount} to {MaximumPeriodCount} periods.");
            }
        }

        internal void Require<T>(string name, T? value)
            where T : struct
        {
            if (value == null)
            {
                Missing(name, null);
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
                problems.Add($"{listPath} is empty; Apple requires at least one item when the list is given.");
                return;
            }

            for (int i = 0; i < items.Length; i++)
            {
                string itemPath = ElementPath(listPath, i);
                if (items[i] is null)
                {
                    if (problems.HadShapeProblem(itemPath))
                    {
                        continue;
                    }

                    problems.Add($"{itemPath} is null; every item of {listPath} must be an object.");
                    continue;
                }

                validate(items[i], new FieldRules(itemPath, problems));
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
                Missing(name, null);
            }

            return true;
        }

        private void Missing(string name, string? value)
        {
            if (value == null && problems.HadShapeProblem(MemberPath(path, name)))
            {
                return;
            }

            problems.Add(value == null
                ? $"{MemberPath(path, name)} is required and was not given."
                : $"{MemberPath(path, name)} is required and was empty.");
        }
    }
}
