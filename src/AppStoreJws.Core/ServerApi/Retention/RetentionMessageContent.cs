using System;
using System.Collections.Generic;
using System.Globalization;

namespace AppStoreJws.ServerApi.Retention
{
    /// <summary>One bullet point of a retention message: its text and the bullet-point-size image beside it.</summary>
    internal sealed class RetentionBulletPoint
    {
        public RetentionBulletPoint(string text, Guid imageIdentifier, string altText)
        {
            Text = text;
            ImageIdentifier = imageIdentifier;
            AltText = altText;
        }

        public string Text { get; }

        public Guid ImageIdentifier { get; }

        public string AltText { get; }
    }

    /// <summary>
    /// The text of a retention message (Apple's UploadMessageRequestBody) and the checks of Apple's documented limits,
    /// made before anything is sent so that one error names every problem at once.
    /// </summary>
    internal sealed class RetentionMessageContent
    {
        /// <summary>Apple's documented maximums, in characters: header 66, body 144, alternative text 150, bullet point text 66.</summary>
        public const int MaximumHeaderLength = 66;
        public const int MaximumBodyLength = 144;
        public const int MaximumAltTextLength = 150;
        public const int MaximumBulletPointTextLength = 66;

        public string Header { get; set; } = "";

        public string Body { get; set; } = "";

        public Guid? ImageIdentifier { get; set; }

        public string? AltText { get; set; }

        /// <summary>ABOVE_BODY or ABOVE_IMAGE; null leaves it out (Apple places the header above the body).</summary>
        public string? HeaderPosition { get; set; }

        public List<RetentionBulletPoint> BulletPoints { get; } = new List<RetentionBulletPoint>();

        /// <summary>Every way the message breaks Apple's documented rules, in the order of its fields; empty when none.</summary>
        public IList<string> Problems()
        {
            List<string> problems = new List<string>();
            RequireText(problems, "the header", Header, MaximumHeaderLength, "HEADER_TOO_LONG");
            RequireText(problems, "the body", Body, MaximumBodyLength, "BODY_TOO_LONG");
            if (ImageIdentifier.HasValue != (AltText != null))
            {
                problems.Add(ImageIdentifier.HasValue
                    ? "an image needs its alternative text (-AltText); Apple requires both"
                    : "alternative text (-AltText) was given without an image (-ImageIdentifier)");
            }

            if (AltText != null)
            {
                RequireText(problems, "the image's alternative text", AltText, MaximumAltTextLength, "ALT_TEXT_TOO_LONG");
            }

            if (string.Equals(HeaderPosition, "ABOVE_IMAGE", StringComparison.Ordinal) && !ImageIdentifier.HasValue)
            {
                problems.Add("the header position ABOVE_IMAGE needs an image (-ImageIdentifier); Apple answers BAD_REQUEST_ABOVE_IMAGE_REQUIRES_AN_IMAGE");
            }

            for (int i = 0; i < BulletPoints.Count; i++)
            {
                string which = string.Format(CultureInfo.InvariantCulture, "bullet point {0}", i + 1);
                RequireText(problems, which + "'s text", BulletPoints[i].Text, MaximumBulletPointTextLength, "BAD_REQUEST_BULLET_POINT_TEXT_TOO_LONG");
                RequireText(problems, which + "'s alternative text", BulletPoints[i].AltText, MaximumAltTextLength, "ALT_TEXT_TOO_LONG");
            }

            return problems;
        }

        /// <summary>The length Apple counts: characters (Unicode code points, so an emoji is one), not UTF-16 units or bytes.</summary>
        public static int Length(string text)
        {
            int count = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (!(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])))
                {
                    count++;
                }
            }

            return count;
        }

        private static void RequireText(List<string> problems, string what, string? text, int maximum, string appleName)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add(what + " is empty; Apple requires text");
                return;
            }

            int length = Length(text);
            if (length > maximum)
            {
                problems.Add(string.Format(CultureInfo.InvariantCulture, "{0} is {1} characters, more than Apple's {2} ({3})", what, length, maximum, appleName));
            }
        }
    }
}
