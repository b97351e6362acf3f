using System.Collections;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.ServerApi.Retention;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Uploads the text of a retention message (Upload Message): header, body, an optional image with its alternative
    /// text, the header's position, and bullet points. Apple's documented limits are checked first, every problem named
    /// in one error; Apple then reviews the message (PENDING_REVIEW, then APPROVED or REJECTED).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "AppStoreRetentionMessage", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class SetAppStoreRetentionMessageCommand : AppStoreServerApiCommand
    {
        /// <summary>The message's identifier: a UUID you choose, sent in lowercase.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("message_identifier")]
        public Guid MessageIdentifier { get; set; }

        /// <summary>At most 66 characters.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string Header { get; set; } = null!;

        /// <summary>At most 144 characters.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string Body { get; set; } = null!;

        /// <summary>The UUID of an uploaded full-size image to show with the message; an empty value (a CSV's empty cell) means none.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("image_identifier")]
        [AllowEmptyString]
        [AllowNull]
        [NoKeyText(InRow = true)]
        public string? ImageIdentifier { get; set; }

        /// <summary>The image's alternative text, at most 150 characters; required with -ImageIdentifier.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("alt_text")]
        [AllowEmptyString]
        [AllowNull]
        [NoKeyText(InRow = true)]
        public string? AltText { get; set; }

        /// <summary>AboveBody (Apple's default) or AboveImage (needs an image).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("header_position")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(Completion.HeaderPositionCompleter))]
        [NoKeyText(InRow = true)]
        public string? HeaderPosition { get; set; }

        /// <summary>Bullet points, each a hashtable of text (at most 66 characters), imageIdentifier (a bullet-point-size image) and altText (at most 150).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("bullet_points", "BulletPoints")]
        [AllowNull]
        [AllowEmptyCollection]
        public Hashtable[]? BulletPoint { get; set; }

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            ServerApiRequest request;
            try
            {
                request = ServerApiOperations.UploadMessage(MessageIdentifier, Content());
            }
            catch (AppStoreJwsException e)
            {
                WriteError(ErrorRecords.From(e, MessageIdentifier));
                return;
            }

            if (!ShouldProcess(ServerApiOperations.Identifier(MessageIdentifier), "Upload retention message " + Errors.UntrustedText.Quote(Header, 80)))
            {
                return;
            }

            try
            {
                Send(request);
            }
            catch (Exception e) when (e is AppStoreServerApiException || e is AggregateException)
            {
                WriteApiError(e, MessageIdentifier);
            }
        }

        /// <summary>The message from the parameters, refused (InvalidRetentionMessage) with every problem found at once.</summary>
        private RetentionMessageContent Content()
        {
            List<string> problems = new List<string>();
            RetentionMessageContent content = new RetentionMessageContent
            {
                Header = Header ?? "",
                Body = Body ?? "",
                AltText = string.IsNullOrEmpty(AltText) ? null : AltText,
                ImageIdentifier = ParseIdentifier(ImageIdentifier, "-ImageIdentifier", problems),
            };
            if (!string.IsNullOrWhiteSpace(HeaderPosition))
            {
                content.HeaderPosition = RetentionNames.ToWire(HeaderPosition, RetentionNames.HeaderPositions);
                if (content.HeaderPosition == null)
                {
                    problems.Add($"-HeaderPosition {Errors.UntrustedText.Quote(HeaderPosition, 40)} is neither AboveBody nor AboveImage");
                }
            }

            for (int i = 0; i < (BulletPoint?.Length ?? 0); i++)
            {
                Hashtable point = BulletPoint![i] ?? new Hashtable();
                string which = $"bullet point {i + 1}";
                foreach (object key in point.Keys)
                {
                    string name = Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                    if (!string.Equals(name, "text", StringComparison.OrdinalIgnoreCase) && !string.Equals(name, "imageIdentifier", StringComparison.OrdinalIgnoreCase)
                        && !string.Equals(name, "altText", StringComparison.OrdinalIgnoreCase))
                    {
                        problems.Add($"{which} has the key {Errors.UntrustedText.Quote(name, 40)}; its keys are text, imageIdentifier and altText");
                    }
                }

                Guid? image = ParseIdentifier(Text(point["imageIdentifier"]), which + "'s imageIdentifier", problems);
                if (!image.HasValue && string.IsNullOrWhiteSpace(Text(point["imageIdentifier"])))
                {
                    problems.Add($"{which} has no imageIdentifier; Apple requires a bullet-point image for each");
                }

                content.BulletPoints.Add(new RetentionBulletPoint(Text(point["text"]) ?? "", image ?? Guid.Empty, Text(point["altText"]) ?? ""));
            }

            problems.AddRange(content.Problems());
            if (problems.Count > 0)
            {
                throw new AppStoreJwsException(ErrorIds.InvalidRetentionMessage, ErrorKind.InvalidArgument,
                    $"The message {ServerApiOperations.Identifier(MessageIdentifier)} breaks {problems.Count} of Apple's rules for Upload Message, so nothing was sent: "
                    + string.Join("; ", problems) + ".");
            }

            return content;
        }

        private static string? Text(object? value) =>
            value is PSObject wrapped ? Convert.ToString(wrapped.BaseObject, System.Globalization.CultureInfo.InvariantCulture)
            : value == null ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>A UUID, or null for an empty value; anything else is a problem named in the one error.</summary>
        private static Guid? ParseIdentifier(string? value, string what, List<string> problems)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (Guid.TryParse(value, out Guid identifier))
            {
                return identifier;
            }

            problems.Add($"{what} {Errors.UntrustedText.Quote(value, 60)} is not a UUID");
            return null;
        }
    }
}
