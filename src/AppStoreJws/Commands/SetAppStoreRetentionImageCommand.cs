using System.IO;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.ServerApi.Retention;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Uploads a PNG for retention messages (Upload Image). The file is checked to be a whole PNG of a size Apple
    /// accepts before anything is sent; Apple then reviews it (PENDING_REVIEW, then APPROVED or REJECTED).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "AppStoreRetentionImage", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(void))]
    public sealed class SetAppStoreRetentionImageCommand : AppStoreServerApiCommand
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>The image's identifier: a UUID you choose, sent in lowercase.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("image_identifier")]
        public Guid ImageIdentifier { get; set; }

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string Path { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string LiteralPath { get; set; } = null!;

        /// <summary>FullSize (a message's image, 3840 pixels wide) or BulletPoint (a bullet point's icon); left out of the request when not given, as Apple's libraries do.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("image_size")]
        [ValidateSet("FullSize", "BulletPoint", "FULL_SIZE", "BULLET_POINT", IgnoreCase = true)]
        [ArgumentCompleter(typeof(Completion.ImageSizeCompleter))]
        [NoKeyText(InRow = true)]
        public string? ImageSize { get; set; }

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            string? imageSize = ImageSize == null ? null : RetentionNames.ToWire(ImageSize, RetentionNames.ImageSizes);
            RetentionImage image;
            try
            {
                image = Read(imageSize ?? "FULL_SIZE");
            }
            catch (AppStoreJwsException e)
            {
                WriteError(ErrorRecords.From(e, ImageIdentifier));
                return;
            }

            if (image.HasTransparency)
            {
                WriteWarning($"The image {ImageIdentifier:D} can hold transparency (an alpha channel or tRNS chunk); Apple accepts only images without transparency, and answers INVALID_IMAGE when any pixel is not opaque.");
            }

            ServerApiRequest request = ServerApiOperations.UploadImage(ImageIdentifier, image.Bytes, imageSize);
            if (!ShouldProcess(ServerApiOperations.Identifier(ImageIdentifier),
                $"Upload {image.Width} × {image.Height} PNG ({image.Bytes.Length} bytes{(imageSize == null ? "" : ", " + imageSize)})"))
            {
                return;
            }

            try
            {
                Send(request);
            }
            catch (Exception e) when (e is AppStoreServerApiException || e is AggregateException)
            {
                WriteApiError(e, ImageIdentifier);
            }
        }

        private RetentionImage Read(string imageSize)
        {
            bool literal = ParameterSetName == LiteralPathSet;
            string given = literal ? LiteralPath : Path;
            IList<string> files = ProviderPaths.ResolveAll(this, given, literal, pattern =>
                new AppStoreJwsException(ErrorIds.RetentionImageNotFound, ErrorKind.ObjectNotFound, $"No file matches -Path '{pattern}'."));
            if (files.Count > 1)
            {
                throw new AppStoreJwsException(ErrorIds.RetentionImageNotFound, ErrorKind.InvalidArgument,
                    $"-Path '{given}' matches {files.Count} files; one image has one file (use -LiteralPath for a name with wildcard characters).");
            }

            string file = files[0];
            FileInfo info;
            try
            {
                info = new FileInfo(file);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException)
            {
                // A NUL or another character no file name can hold.
                throw new AppStoreJwsException(ErrorIds.RetentionImageNotFound, ErrorKind.ObjectNotFound, $"The image file '{file.Replace("\0", "\\0")}' cannot be a file: {e.Message}", e);
            }

            if (!info.Exists)
            {
                throw new AppStoreJwsException(ErrorIds.RetentionImageNotFound, ErrorKind.ObjectNotFound, $"The image file '{file}' does not exist.");
            }

            if (info.Length > RetentionImage.MaximumFileBytes)
            {
                throw new AppStoreJwsException(ErrorIds.RetentionImageNotPng, ErrorKind.InvalidData,
                    $"The image '{file}' is {info.Length} bytes, more than the {RetentionImage.MaximumFileBytes / (1024 * 1024)} MiB any PNG Apple accepts can be; nothing was sent.");
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new AppStoreJwsException(ErrorIds.RetentionImageNotFound, ErrorKind.ObjectNotFound, $"The image file '{file}' cannot be read: {e.Message}", e);
            }

            return RetentionImage.Read(bytes, "'" + file + "'", imageSize);
        }
    }
}
