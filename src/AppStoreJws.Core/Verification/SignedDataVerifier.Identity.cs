using System;
using System.Collections;
using System.Globalization;
using AppStoreJws.Errors;

namespace AppStoreJws.Verification
{
    /// <summary>The payload's side of verification: whether it names the app (bundle ID, Apple ID) and the environment expected.</summary>
    internal sealed partial class SignedDataVerifier
    {
        private void CheckAppIdentity(SignedDataKind kind, bool kindWasNamed, IDictionary payload, string? payloadEnvironment, string environmentSource, Recorder checks, NestedContext? nested)
        {
            IDictionary? section = SignedDataFields.AppSection(kind, payload);
            string where = kind == SignedDataKind.Notification ? NotificationSectionName(payload) + "." : string.Empty;

            // Inside a notification, a payload that names a bundle must name the notification's, whether or not one was expected.
            string? expectedBundleId = bundleId ?? nested?.NotificationBundleId;
            string expectedFrom = bundleId != null || nested == null ? string.Empty : $" (the notification's {nested.BundleIdSource})";
            bool carriesBundleId = kind != SignedDataKind.RenewalInfo && kind != SignedDataKind.RealtimeRequest;
            if (expectedBundleId == null)
            {
                checks.Skip(SignedDataCheckNames.BundleId, $"No bundle ID expected; {where}bundleId is {Quote(section?["bundleId"])}.");
            }
            else if (!carriesBundleId && (kindWasNamed || nested != null || kind == SignedDataKind.RealtimeRequest))
            {
                // A real-time request comes as a signedPayload of its own; its appAppleId (required in production) ties it to the app.
                checks.Skip(SignedDataCheckNames.BundleId, $"A {Describe(kind)} carries no bundle ID.");
            }
            else if (!carriesBundleId)
            {
                // Renewal info told from its fields may have come where a notification was expected (a signedPayload body):
                // nothing in it names the app, so it cannot pass as the expected app's.
                checks.Fail(SignedDataCheckNames.BundleId, ErrorIds.InvalidAppIdentifier, $"This is a {Describe(kind)}, which names no bundle ID, so nothing ties it to '{expectedBundleId}' (was it given where a notification was expected?). Verify it inside its notification, or name its kind (-Type {kind}) to accept it without a bundle ID check.");
            }
            else if (section?["bundleId"] is string found && found == expectedBundleId)
            {
                checks.Pass(SignedDataCheckNames.BundleId, $"{where}bundleId is '{UntrustedText.Quote(found)}'.");
            }
            else
            {
                checks.Fail(SignedDataCheckNames.BundleId, ErrorIds.InvalidAppIdentifier, $"{where}bundleId is {Quote(section?["bundleId"])}; expected '{UntrustedText.Quote(expectedBundleId)}'{expectedFrom}.");
            }

            bool carriesAppleId = kind == SignedDataKind.Notification || kind == SignedDataKind.AppTransaction || kind == SignedDataKind.RealtimeRequest;
            object? appleId = section?["appAppleId"];
            if (appAppleId == null)
            {
                checks.Skip(SignedDataCheckNames.AppAppleId, appleId == null ? "No Apple ID expected." : $"No Apple ID expected; {where}appAppleId is {Quote(appleId)}.");
            }
            else if (!carriesAppleId)
            {
                checks.Skip(SignedDataCheckNames.AppAppleId, $"A {Describe(kind)} carries no appAppleId.");
            }
            else if (appleId is long number && number == appAppleId)
            {
                checks.Pass(SignedDataCheckNames.AppAppleId, $"{where}appAppleId is {number}.");
            }
            else if (appleId == null && environment != "Production")
            {
                checks.Skip(SignedDataCheckNames.AppAppleId, $"{where}appAppleId is absent (only production data must carry it).");
            }
            else
            {
                checks.Fail(SignedDataCheckNames.AppAppleId, ErrorIds.InvalidAppIdentifier, $"{where}appAppleId is {Quote(appleId)}; expected {appAppleId}.");
            }

            string read = $"{where}{environmentSource}";
            bool unsignedData = payloadEnvironment == "Xcode" || payloadEnvironment == "LocalTesting";
            if (environment == null && unsignedData)
            {
                checks.Fail(SignedDataCheckNames.Environment, ErrorIds.InvalidEnvironment, $"{read} is '{payloadEnvironment}': such data is not signed by the App Store and is refused unless that environment is expected.");
            }
            else if (environment == null)
            {
                checks.Skip(SignedDataCheckNames.Environment, $"No environment expected; {read} is {Quote(payloadEnvironment)}.");
            }
            else if (payloadEnvironment == environment)
            {
                checks.Pass(SignedDataCheckNames.Environment, $"{read} is '{payloadEnvironment}'.");
            }
            else
            {
                checks.Fail(SignedDataCheckNames.Environment, ErrorIds.InvalidEnvironment, $"{read} is {Quote(payloadEnvironment)}; expected '{environment}'.");
            }
        }

        private static string Quote(object? value)
        {
            switch (value)
            {
                case null: return "absent";
                case string text: return "'" + UntrustedText.Quote(text) + "'";
                case IConvertible convertible: return convertible.ToString(CultureInfo.InvariantCulture) + " (a " + (value is bool ? "boolean" : "number") + ")";
                default: return "an object";
            }
        }

        /// <summary>Where a nested payload sat in its notification, and the bundle ID the notification names beside it.</summary>
        private sealed class NestedContext
        {
            public NestedContext(string path, string? notificationBundleId, string bundleIdSource)
            {
                Path = path;
                NotificationBundleId = notificationBundleId;
                BundleIdSource = bundleIdSource;
            }

            public string Path { get; }

            public string? NotificationBundleId { get; }

            public string BundleIdSource { get; }
        }
    }
}
